import { z } from "zod";

const blankAsUnset = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const schema = z.object({
  DATABASE_URL: z.preprocess(blankAsUnset, z.string().trim().optional()),
  PORT: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).max(65535).default(3000)),
  TEST_PG_ADMIN_URL: z.preprocess(
    blankAsUnset,
    z.string().default("postgres://keyfigures:keyfigures@localhost:5432/postgres"),
  ),
  /** Memory for whole responses kept by `npm start`'s server (scripts/server.ts); 0 turns the cache off. */
  RESPONSE_CACHE_MB: z.preprocess(blankAsUnset, z.coerce.number().int().min(0).max(65536).default(64)),
  NODE_ENV: z.preprocess(blankAsUnset, z.enum(["development", "production", "test"]).default("development")),
});

export type Env = z.infer<typeof schema>;

/** Validates an environment; a bad value fails with one line naming the variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment: ${problems.join("; ")}`, { cause: parsed.error });
  }
  return parsed.data;
}

let cached: Env | undefined;

/** The process environment, validated once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
