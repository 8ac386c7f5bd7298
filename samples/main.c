/*
 * main.c - the program of one scene: compiled once per scene with
 * -DSCENE=scene_NAME (samples/SConscript).
 */
#include "scenes.h"

int main(void)
{
	return SCENE();
}
