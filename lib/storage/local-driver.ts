import { randomUUID } from "node:crypto";
import type { Dirent } from "node:fs";
import { chmod, mkdir, open, readFile, readdir, rename, rm, stat, lstat, unlink } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { assertValidKey, assertValidPrefix, isValidKey } from "./keys";
import { normalizeListLimit, resolveRange } from "./range";
import type {
  BlobStorage,
  ByteRange,
  GetResult,
  HeadResult,
  ListItem,
  ListOptions,
  ListResult,
  PutOptions,
  PutResult,
} from "./types";
import { StorageError } from "./types";

export interface LocalStorageOptions {
  /** Directory that holds everything; created lazily. */
  root: string;
}

const DEFAULT_CONTENT_TYPE = "application/octet-stream";
/**
 * Originals and thumbnails are read by this process only (the app serves them after its own
 * authorisation), so nobody else on the machine gets to read them: directories 0700, files 0600
 * (the process umask can only narrow these further).
 */
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * Layout under root — three sibling trees so no key can ever collide with a sidecar or temp file:
 *   objects/<key>        the bytes
 *   meta/<key>.json      { contentType }, only when the key's extension does not already imply it
 *                        (an image or thumbnail is one file write, not two; size/mtime come from the object)
 *   tmp/<uuid>.tmp       in-flight writes, renamed into place (same filesystem, so rename is atomic)
 */
interface Layout {
  root: string;
  objects: string;
  meta: string;
  tmp: string;
}

function createLayout(root: string): Layout {
  const base = path.resolve(root);
  return {
    root: base,
    objects: path.join(base, "objects"),
    meta: path.join(base, "meta"),
    tmp: path.join(base, "tmp"),
  };
}

/** Defence in depth: even a key that passed validation must resolve to a path strictly inside `base`. */
function resolveInside(base: string, relative: string): string {
  const resolved = path.resolve(base, relative);
  if (!resolved.startsWith(base + path.sep)) {
    throw new StorageError("INVALID_KEY", `Storage key escapes the storage root: ${JSON.stringify(relative)}`);
  }
  return resolved;
}

function objectPath(layout: Layout, key: string): string {
  assertValidKey(key);
  return resolveInside(layout.objects, key);
}

function metaPath(layout: Layout, key: string): string {
  assertValidKey(key);
  return resolveInside(layout.meta, `${key}.json`);
}

function errnoCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Errors that mean "there is no object here" rather than "the disk is broken". */
function isMissing(err: unknown): boolean {
  const code = errnoCode(err);
  return code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR";
}

/** fs failures become STORAGE_UNAVAILABLE; anything else (e.g. the caller's stream erroring) passes through. */
function mapFsError(err: unknown, action: string, key: string): unknown {
  if (err instanceof StorageError) return err;
  const isSystemError = typeof (err as NodeJS.ErrnoException | null)?.syscall === "string";
  if (!isSystemError) return err;
  if (errnoCode(err) === "ENOTDIR" || errnoCode(err) === "EEXIST" || errnoCode(err) === "EISDIR") {
    // e.g. putting "a/b" when "a" is an object: fine for object stores, impossible on a filesystem.
    return new StorageError("INVALID_KEY", `Cannot ${action} ${JSON.stringify(key)}: conflicts with an existing key`, {
      cause: err,
    });
  }
  return new StorageError("STORAGE_UNAVAILABLE", `Local storage failed to ${action} ${JSON.stringify(key)}`, {
    cause: err,
  });
}

const CONTENT_TYPE_BY_EXTENSION: Record<string, string> = {
  jpg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  tif: "image/tiff",
  heic: "image/heic",
  avif: "image/avif",
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

function impliedContentType(key: string): string | undefined {
  const dot = key.lastIndexOf(".");
  return dot > key.lastIndexOf("/") ? CONTENT_TYPE_BY_EXTENSION[key.slice(dot + 1)] : undefined;
}

/** Incoming chunks are gathered into writes of about this size (fewer syscalls and thread-pool hops). */
const WRITE_BATCH_BYTES = 1024 * 1024;

/** Writes as the body arrives so memory stays flat regardless of body size; awaiting each write is the backpressure. */
async function writeBody(handle: FileHandle, body: Readable | Buffer): Promise<number> {
  if (Buffer.isBuffer(body)) {
    await handle.writeFile(body);
    return body.length;
  }
  let size = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of body) {
    const buffer =
      typeof chunk === "string"
        ? Buffer.from(chunk)
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(
              (chunk as Uint8Array).buffer,
              (chunk as Uint8Array).byteOffset,
              (chunk as Uint8Array).byteLength,
            );
    pending.push(buffer);
    pendingBytes += buffer.length;
    size += buffer.length;
    if (pendingBytes >= WRITE_BATCH_BYTES) {
      await handle.writev(pending);
      pending = [];
      pendingBytes = 0;
    }
  }
  if (pendingBytes > 0) await handle.writev(pending);
  return size;
}

/** Runs a filesystem step; if its directory is missing, creates it once and retries (no mkdir on the hot path). */
async function inDirectory<T>(directory: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (errnoCode(err) !== "ENOENT") throw err;
    await mkdir(directory, { recursive: true, mode: DIR_MODE });
    return step();
  }
}

/** temp file → fsync → rename: readers see the old object or the new one, never a partial one. */
async function writeAtomically(layout: Layout, target: string, body: Readable | Buffer): Promise<number> {
  const tmpFile = path.join(layout.tmp, `${randomUUID()}.tmp`);
  try {
    const handle = await inDirectory(layout.tmp, () => open(tmpFile, "wx", FILE_MODE));
    let size: number;
    try {
      size = await writeBody(handle, body);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await inDirectory(path.dirname(target), () => rename(tmpFile, target));
    return size;
  } catch (err) {
    await rm(tmpFile, { force: true });
    if (!Buffer.isBuffer(body)) body.destroy();
    throw err;
  }
}

async function readContentType(layout: Layout, key: string): Promise<string> {
  try {
    const parsed: unknown = JSON.parse(await readFile(metaPath(layout, key), "utf8"));
    const contentType = (parsed as { contentType?: unknown } | null)?.contentType;
    return typeof contentType === "string" ? contentType : DEFAULT_CONTENT_TYPE;
  } catch (err) {
    // No sidecar: the extension implies the type (or a crash between the two renames left a generic one).
    if (isMissing(err) || err instanceof SyntaxError) return impliedContentType(key) ?? DEFAULT_CONTENT_TYPE;
    throw err;
  }
}

async function putObject(
  layout: Layout,
  key: string,
  body: Readable | Buffer,
  opts: PutOptions,
  beforeFirstWrite: () => Promise<void>,
): Promise<PutResult> {
  const target = objectPath(layout, key);
  const sidecar = metaPath(layout, key);
  try {
    await beforeFirstWrite().catch((err: unknown) => {
      if (!Buffer.isBuffer(body)) body.destroy();
      throw err;
    });
    const size = await writeAtomically(layout, target, body);
    // Data first, then metadata: a crash in between leaves a readable object with a stale/default type.
    if (opts.contentType === impliedContentType(key)) await removeFile(sidecar);
    else await writeAtomically(layout, sidecar, Buffer.from(JSON.stringify({ contentType: opts.contentType })));
    return { key, size };
  } catch (err) {
    throw mapFsError(err, "put", key);
  }
}

async function openObject(layout: Layout, key: string): Promise<{ handle: FileHandle; size: number } | null> {
  let handle: FileHandle;
  try {
    handle = await open(objectPath(layout, key), "r");
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
  // Size comes from the open descriptor, so a concurrent overwrite (rename) cannot make it disagree with the bytes.
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    return null;
  }
  return { handle, size: info.size };
}

async function getObject(layout: Layout, key: string, range?: ByteRange): Promise<GetResult | null> {
  try {
    const opened = await openObject(layout, key);
    if (!opened) return null;
    const { handle, size } = opened;
    try {
      const contentType = await readContentType(layout, key);
      if (!range) return { body: handle.createReadStream(), size, contentType };
      const served = resolveRange(range, size);
      // createReadStream's end is inclusive, matching our range semantics.
      const body = handle.createReadStream({ start: served.start, end: served.end });
      return { body, size, contentType, range: served };
    } catch (err) {
      await handle.close();
      throw err;
    }
  } catch (err) {
    throw mapFsError(err, "get", key);
  }
}

async function headObject(layout: Layout, key: string): Promise<HeadResult | null> {
  try {
    const info = await stat(objectPath(layout, key));
    if (!info.isFile()) return null;
    return { size: info.size, contentType: await readContentType(layout, key), uploadedAt: info.mtime };
  } catch (err) {
    if (isMissing(err)) return null;
    throw mapFsError(err, "head", key);
  }
}

/** Removes a regular file if present; never follows into (or deletes) a directory. */
async function removeFile(file: string): Promise<void> {
  try {
    const info = await lstat(file);
    if (info.isFile()) await unlink(file);
  } catch (err) {
    if (!isMissing(err)) throw err;
  }
}

async function deleteObject(layout: Layout, key: string): Promise<void> {
  const target = objectPath(layout, key);
  const sidecar = metaPath(layout, key);
  try {
    await removeFile(target);
    await removeFile(sidecar);
  } catch (err) {
    throw mapFsError(err, "delete", key);
  }
  // Empty directories are left behind on purpose: pruning them would race with a concurrent put's mkdir+rename.
}

async function readSortedEntries(dir: string): Promise<{ entry: Dirent; sortKey: string }[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (isMissing(err)) return [];
    throw err;
  }
  // A directory sorts as "name/" because every key below it starts with that: DFS then yields keys in global order.
  return entries
    .filter((entry) => entry.isFile() || entry.isDirectory()) // symlinks and devices are never objects
    .map((entry) => ({ entry, sortKey: entry.isDirectory() ? `${entry.name}/` : entry.name }))
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
}

/** Could any key below `dirKey/` match `prefix` and come after `after`? Lets list skip whole subtrees. */
function subtreeMayMatch(dirKey: string, prefix: string, after: string | undefined): boolean {
  const dirPrefix = `${dirKey}/`;
  const overlapsPrefix = dirPrefix.startsWith(prefix) || prefix.startsWith(dirPrefix);
  const entirelyBeforeCursor = after !== undefined && !after.startsWith(dirPrefix) && after > dirPrefix;
  return overlapsPrefix && !entirelyBeforeCursor;
}

/** Yields object keys in sorted order, only descending into directories that can contain matches. */
async function* walkKeys(
  dir: string,
  relative: string,
  prefix: string,
  after: string | undefined,
): AsyncGenerator<string> {
  for (const { entry } of await readSortedEntries(dir)) {
    const key = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (subtreeMayMatch(key, prefix, after)) yield* walkKeys(path.join(dir, entry.name), key, prefix, after);
    } else if (key.startsWith(prefix) && (after === undefined || key > after) && isValidKey(key)) {
      yield key;
    }
  }
}

function encodeCursor(lastKey: string): string {
  return Buffer.from(lastKey, "utf8").toString("base64url");
}

function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  const key = Buffer.from(cursor, "base64url").toString("utf8");
  if (!isValidKey(key)) throw new StorageError("INVALID_KEY", "Malformed list cursor");
  return key;
}

/** The deepest directory that contains every key with this prefix ("originals/20" → "originals"). */
function prefixDirectory(prefix: string): string {
  const slash = prefix.lastIndexOf("/");
  return slash < 0 ? "" : prefix.slice(0, slash);
}

async function toListItem(layout: Layout, key: string): Promise<ListItem | null> {
  try {
    const info = await stat(objectPath(layout, key));
    return { key, size: info.size, uploadedAt: info.mtime };
  } catch (err) {
    if (isMissing(err)) return null; // deleted between walk and stat
    throw err;
  }
}

async function listObjects(layout: Layout, prefix: string, opts: ListOptions = {}): Promise<ListResult> {
  assertValidPrefix(prefix);
  const limit = normalizeListLimit(opts.limit);
  const after = decodeCursor(opts.cursor);
  const startRelative = prefixDirectory(prefix);
  const startDir = startRelative ? resolveInside(layout.objects, startRelative) : layout.objects;
  try {
    const keys: string[] = [];
    // One extra key tells us whether another page exists without a second walk.
    for await (const key of walkKeys(startDir, startRelative, prefix, after)) {
      keys.push(key);
      if (keys.length > limit) break;
    }
    const hasMore = keys.length > limit;
    const page = keys.slice(0, limit);
    const items = (await Promise.all(page.map((key) => toListItem(layout, key)))).filter(
      (item): item is ListItem => item !== null,
    );
    const last = page[page.length - 1];
    return hasMore && last !== undefined ? { items, cursor: encodeCursor(last) } : { items };
  } catch (err) {
    throw mapFsError(err, "list", prefix);
  }
}

/** Temp files untouched since the cutoff belong to a write whose process died (a live write updates its file as bytes arrive). */
async function pruneTmp(layout: Layout, cutoff: Date): Promise<number> {
  let names: string[];
  try {
    names = await readdir(layout.tmp);
  } catch (err) {
    if (isMissing(err)) return 0;
    throw mapFsError(err, "prune", "tmp/");
  }
  let removed = 0;
  for (const name of names) {
    const file = path.join(layout.tmp, name);
    const info = await lstat(file).catch(() => null);
    if (!info?.isFile() || info.mtime >= cutoff) continue;
    await rm(file, { force: true });
    removed += 1;
  }
  return removed;
}

/**
 * A root created by an older version (0755, files 0644 inside) is closed off as a whole: with the
 * root at 0700 nothing below it is reachable by other users, whatever the modes of older files.
 */
async function restrictRoot(layout: Layout): Promise<void> {
  const info = await stat(layout.root).catch((err: unknown) => {
    if (isMissing(err)) return null; // created later by the first write, already 0700
    throw err;
  });
  if (info && (info.mode & 0o077) !== 0 && info.uid === process.getuid?.()) await chmod(layout.root, DIR_MODE);
}

/** Once per driver, before its first write (a failure is retried by the next write). */
function restrictRootOnce(layout: Layout): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () =>
    (done ??= restrictRoot(layout).catch((err: unknown) => {
      done = null;
      throw err;
    }));
}

/** Proves the root is writable by creating and removing a probe file. */
async function pingRoot(layout: Layout): Promise<void> {
  const probe = path.join(layout.tmp, `${randomUUID()}.ping`);
  try {
    await mkdir(layout.tmp, { recursive: true, mode: DIR_MODE });
    await restrictRoot(layout);
    const handle = await open(probe, "wx", FILE_MODE);
    await handle.close();
    await rm(probe, { force: true });
  } catch (err) {
    throw new StorageError("STORAGE_UNAVAILABLE", "Local storage root is not writable", { cause: err });
  }
}

export function createLocalStorage(options: LocalStorageOptions): BlobStorage {
  const layout = createLayout(options.root);
  const restrict = restrictRootOnce(layout);
  return {
    driver: "local",
    put: (key, body, opts) => putObject(layout, key, body, opts, restrict),
    get: (key, range) => getObject(layout, key, range),
    head: (key) => headObject(layout, key),
    delete: (key) => deleteObject(layout, key),
    list: (prefix, opts) => listObjects(layout, prefix, opts),
    ping: () => pingRoot(layout),
    localPath: (key) => objectPath(layout, key),
    pruneIncompleteWrites: (cutoff) => pruneTmp(layout, cutoff),
  };
}
