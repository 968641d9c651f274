"use client";

import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";

/**
 * A new password and its confirmation, for any form (inside `<Form>`) whose schema has `password`
 * and `confirm` fields: accepting an invitation, resetting a password.
 */
export function NewPasswordFields({ labels }: { labels: { password: string; help: string; confirm: string } }) {
  return (
    <>
      <FormField
        name="password"
        render={({ field }) => (
          <FormItem>
            <FormLabel>{labels.password}</FormLabel>
            <FormControl>
              <Input type="password" autoComplete="new-password" {...field} />
            </FormControl>
            <FormDescription>{labels.help}</FormDescription>
            <FormMessage />
          </FormItem>
        )}
      />
      <FormField
        name="confirm"
        render={({ field }) => (
          <FormItem>
            <FormLabel>{labels.confirm}</FormLabel>
            <FormControl>
              <Input type="password" autoComplete="new-password" {...field} />
            </FormControl>
            <FormMessage />
          </FormItem>
        )}
      />
    </>
  );
}
