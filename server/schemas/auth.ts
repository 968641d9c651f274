import { z } from "zod";

export const ZLogin = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "invalidEmail" })),
  password: z.string().min(1, { error: "required" }).max(200, { error: "tooLong" }),
});
export type TLogin = z.infer<typeof ZLogin>;
