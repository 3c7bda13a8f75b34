#!/usr/bin/env node
// Decrypts a SOPS file with sops-age (an independent JavaScript implementation) and prints the decrypted
// tree as JSON with keys sorted at every level and the `sops` metadata removed: the layout of
// shared/fixtures/sops/*.expected.json, so Hearth's tests can compare trees.
//
//   node decrypt.mjs FILE KEYFILE [--type yaml|json|env]
//
// KEYFILE is an age identity file (AGE-SECRET-KEY-1… lines; blank and # lines ignored); each key in it is
// tried in turn. The type follows the extension as sops does (.yaml/.yml, .json, .env); anything else is
// sops's binary store, which is a JSON document, so it is read as json and prints {"data": …}.
// sops-age does not check the MAC; exit 1 with the library's message on any failure.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { decryptSops } from "sops-age";

function usage(message) {
  process.stderr.write(`${message}\nusage: node decrypt.mjs FILE KEYFILE [--type yaml|json|env]\n`);
  process.exit(2);
}

function typeFor(file) {
  switch (extname(file).toLowerCase()) {
    case ".yaml":
    case ".yml":
      return "yaml";
    case ".env":
      return "env";
    default:
      return "json";
  }
}

function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value instanceof Uint8Array) throw new Error("a value of type bytes cannot be printed as JSON");
  if (value !== null && typeof value === "object") {
    const result = {};
    for (const key of Object.keys(value).sort()) result[key] = sorted(value[key]);
    return result;
  }
  return value;
}

const args = process.argv.slice(2);
let fileType;
const typeAt = args.indexOf("--type");
if (typeAt >= 0) {
  fileType = args[typeAt + 1];
  if (!["yaml", "json", "env"].includes(fileType)) usage(`--type must be yaml, json or env, not ${fileType}`);
  args.splice(typeAt, 2);
}
if (args.length !== 2) usage("expected FILE and KEYFILE");
const [file, keyFile] = args;
fileType ??= typeFor(file);

const keys = (await readFile(keyFile, "utf8"))
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line.startsWith("AGE-SECRET-KEY-1"));
if (keys.length === 0) usage(`${keyFile} holds no AGE-SECRET-KEY-1 line`);

const failures = [];
for (const secretKey of keys) {
  let tree;
  try {
    tree = await decryptSops({ path: file, fileType, secretKey });
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
    continue;
  }
  process.stdout.write(JSON.stringify(sorted(tree), null, 2) + "\n");
  process.exit(0);
}
process.stderr.write(`sops-age could not decrypt ${file}:\n${failures.join("\n")}\n`);
process.exit(1);
