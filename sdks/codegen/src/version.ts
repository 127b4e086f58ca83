/** Written into each generated file's header, so a diff shows which generator wrote it. */
export const VERSION = "0.1.0";
