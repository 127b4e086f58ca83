import { Code, isLayer8Error, Layer8Error } from "@layer8/core";

/** The code of a Node.js file system error, e.g. `ENOENT`. */
export function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** File system errors as Layer8Errors, in one place for the local driver. */
export function fsError(error: unknown): Layer8Error {
  if (isLayer8Error(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  switch (errno(error)) {
    case "ENOENT":
    case "ENOTDIR":
      return new Layer8Error(Code.NotFound, "the file does not exist", { cause: error });
    case "EACCES":
    case "EPERM":
      return new Layer8Error(Code.PermissionDenied, message, { cause: error });
    case "ENOSPC":
    case "EDQUOT":
    case "EMFILE":
    case "ENFILE":
      return new Layer8Error(Code.ResourceExhausted, message, { cause: error });
    case "EROFS":
      return new Layer8Error(Code.FailedPrecondition, message, { cause: error });
    case "EIO":
      return new Layer8Error(Code.Unavailable, message, { cause: error });
    default:
      return new Layer8Error(Code.Internal, message, { cause: error });
  }
}
