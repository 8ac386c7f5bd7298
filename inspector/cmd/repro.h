/*
 * repro.h - the command line that runs a failed run again.
 */
#ifndef MMSCOPE_CMD_REPRO_H
#define MMSCOPE_CMD_REPRO_H

/*
 * On stderr: "to reproduce: mmscope VERB ARGS", argv as the verb got it
 * (argv[0] is "mmscope VERB"), each argument quoted for a POSIX shell
 * where it needs it.  record, check --run and verify call it when a run
 * given --seed fails: the seed names the random program that failed.
 */
void cmd_repro_print(int argc, char **argv);

#endif /* MMSCOPE_CMD_REPRO_H */
