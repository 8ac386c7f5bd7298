/*
 * verbs.h - the verbs of mmscope, each a main() of its own: argv[0] is
 * the verb's name, the return value the exit status (util.h EXIT_*).
 */
#ifndef MMSCOPE_VERBS_H
#define MMSCOPE_VERBS_H

int cmd_record(int argc, char **argv);		/* record.c */
int cmd_dump(int argc, char **argv);		/* dump.c */
int cmd_check(int argc, char **argv);		/* cmdcheck.c */
int cmd_check_ci(int argc, char **argv);	/* checkci.c: --junit, --tap, --all */
int check_ci_wanted(int argc, char **argv);	/* checkci.c: are they there? */
int cmd_run(int argc, char **argv);		/* cmdtui.c */
int cmd_replay(int argc, char **argv);		/* cmdtui.c */
int cmd_verify(int argc, char **argv);		/* cmdverify.c */
int cmd_export(int argc, char **argv);		/* cmdexport.c */

/* usage texts, printed by --help and after a bad option */
extern const char usage_record[];
extern const char usage_dump[];
extern const char usage_check[];
extern const char usage_run[];
extern const char usage_replay[];
extern const char usage_verify[];
extern const char usage_export[];

#endif /* MMSCOPE_VERBS_H */
