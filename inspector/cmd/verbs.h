/*
 * verbs.h - the verbs of mmscope, each a main() of its own: argv[0] is
 * the verb's name, the return value the exit status (util.h EXIT_*).
 */
#ifndef MMSCOPE_CMD_VERBS_H
#define MMSCOPE_CMD_VERBS_H

int cmd_record(int argc, char **argv);		/* record.c */
int cmd_dump(int argc, char **argv);		/* dump.c */
int cmd_check(int argc, char **argv);		/* check.c */
int cmd_check_ci(int argc, char **argv);	/* check_ci.c: --junit, --tap, --all */
int cmd_check_ci_wanted(int argc, char **argv);	/* check_ci.c: are they there? */
int cmd_run(int argc, char **argv);		/* run.c */
int cmd_replay(int argc, char **argv);		/* run.c */
int cmd_verify(int argc, char **argv);		/* verify.c */
int cmd_export(int argc, char **argv);		/* export.c */
int cmd_scenarios(int argc, char **argv);	/* scenarios.c */
int cmd_cast(int argc, char **argv);		/* cast.c */
int cmd_diff(int argc, char **argv);		/* diff.c */

/* usage texts, printed by --help and after a bad option */
extern const char cmd_record_usage[];
extern const char cmd_dump_usage[];
extern const char cmd_check_usage[];
extern const char cmd_run_usage[];
extern const char cmd_replay_usage[];
extern const char cmd_verify_usage[];
extern const char cmd_export_usage[];
extern const char cmd_scenarios_usage[];
extern const char cmd_cast_usage[];
extern const char cmd_diff_usage[];

#endif /* MMSCOPE_CMD_VERBS_H */
