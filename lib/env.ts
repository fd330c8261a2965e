import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined)),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  TEST_PG_ADMIN_URL: z.string().default("postgres://keyfigures:keyfigures@localhost:5432/postgres"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** The process environment, validated once; a bad value fails with one line naming the variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment: ${problems.join("; ")}`, { cause: parsed.error });
  }
  cached = parsed.data;
  return cached;
}
