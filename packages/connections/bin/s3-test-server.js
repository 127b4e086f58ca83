#!/usr/bin/env node
// An S3-protocol server for tests: s3rver (a file-backed S3 emulator from npm) with three gaps of
// s3rver 3.7.1 filled, so that the S3 file driver can be tested over real HTTP:
//  - AbortMultipartUpload (`DELETE /bucket/key?uploadId=`): s3rver answers 405; here it removes
//    the upload's parts from s3rver's own upload directory.
//  - ListMultipartUploads (`GET /bucket?uploads`): s3rver answers NotImplemented; here it lists
//    that directory, so a test can see that an abandoned upload was aborted.
//  - Listing order: s3rver walks directories in the order the file system returns them, so
//    `max-keys` + `start-after` paging can skip keys. S3 lists keys in UTF-8 byte order; sorting
//    each directory's entries by the key text they stand for gives that order.
// It is plain JavaScript so that scripts/services.sh can start it before anything is built.
//
// Usage: node --openssl-legacy-provider s3-test-server.js --port P --directory DIR [--bucket NAME]...
//   [--verbose]. The flag is needed because s3rver encrypts continuation tokens with DES, which
//   OpenSSL 3 only offers through its legacy provider.
// Prints `s3 test server listening on http://127.0.0.1:P` once it serves.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parseArgs } from "node:util";

const require = createRequire(import.meta.url);
const fromS3rver = createRequire(require.resolve("s3rver"));

/** s3rver stores the resources of key segment X as `X._S3rver_<resource>`; directories as is. */
const RESOURCE = "._S3rver_";

/** The key text a directory entry stands for: `X` for X's resources, `name/` for a directory. */
function keyText(name) {
  const at = name.indexOf(RESOURCE);
  return at === -1 ? `${name}/` : name.slice(0, at);
}

const fsExtra = fromS3rver("fs-extra");
const readdir = fsExtra.readdirSync;
fsExtra.readdirSync = (...args) => {
  const entries = readdir(...args);
  const name = (entry) => (typeof entry === "string" ? entry : entry.name);
  return entries.sort((a, b) =>
    Buffer.compare(Buffer.from(keyText(name(a))), Buffer.from(keyText(name(b)))),
  );
};

const S3rver = fromS3rver("s3rver");

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    directory: { type: "string" },
    bucket: { type: "string", multiple: true, default: [] },
    verbose: { type: "boolean", default: false },
  },
});
if (!values.port || !values.directory) {
  console.error("usage: s3-test-server.js --port P --directory DIR [--bucket NAME]...");
  process.exit(2);
}

const escapeXml = (text) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c],
  );

const uploadsDir = (bucket) => join(values.directory, bucket, `${RESOURCE}uploads`);

function xmlError(ctx, status, code, message) {
  ctx.status = status;
  ctx.type = "application/xml";
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`;
}

/** The two multipart operations s3rver lacks; every other request goes on to s3rver. */
async function missingMultipartOperations(ctx, next) {
  const [, bucket, ...keyParts] = ctx.path.split("/");
  const key = decodeURIComponent(keyParts.join("/"));
  if (ctx.method === "DELETE" && bucket && key && "uploadId" in ctx.query) {
    const dir = join(uploadsDir(bucket), String(ctx.query.uploadId));
    if (!/^[0-9a-f]+$/.test(String(ctx.query.uploadId)) || !existsSync(dir)) {
      xmlError(ctx, 404, "NoSuchUpload", "The specified upload does not exist.");
      return;
    }
    rmSync(dir, { recursive: true, force: true });
    ctx.status = 204;
    return;
  }
  if (ctx.method === "GET" && bucket && !key && "uploads" in ctx.query) {
    const dir = uploadsDir(bucket);
    const uploads = existsSync(dir)
      ? readdirSync(dir)
          // A part that arrived after its upload was aborted can leave a directory without a key.
          .filter((uploadId) => existsSync(join(dir, uploadId, "key")))
          .map((uploadId) => ({
            uploadId,
            key: readFileSync(join(dir, uploadId, "key"), "utf8"),
            initiated: statSync(join(dir, uploadId)).birthtime.toISOString(),
          }))
      : [];
    ctx.type = "application/xml";
    ctx.body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
      `<Bucket>${escapeXml(bucket)}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker>`,
      "<MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>",
      ...uploads.map(
        (u) =>
          `<Upload><Key>${escapeXml(u.key)}</Key><UploadId>${u.uploadId}</UploadId><Initiated>${u.initiated}</Initiated></Upload>`,
      ),
      "</ListMultipartUploadsResult>",
    ].join("");
    return;
  }
  await next();
}

// A part still being received when its upload is aborted fails to open its file, and s3rver
// leaves that stream error unhandled. S3 lets such a part fail; the server must not die of it.
process.on("uncaughtException", (error) => {
  if (error.code === "ENOENT" && String(error.path).includes(`${RESOURCE}uploads`)) return;
  console.error(error);
  process.exit(1);
});

const server = new S3rver({
  port: Number(values.port),
  address: "127.0.0.1",
  directory: values.directory,
  silent: !values.verbose,
  configureBuckets: values.bucket.map((name) => ({ name })),
});
server.middleware.unshift(missingMultipartOperations);
const address = await server.run();
console.log(`s3 test server listening on http://127.0.0.1:${address.port}`);
