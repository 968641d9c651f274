"use client";

import type * as React from "react";
import type { Control, FieldPath, FieldValues } from "react-hook-form";
import { CountrySelect } from "@/components/forms/country-select";
import { DateInput, IntegerInput, MoneyInput, TownInput, type TownInputProps, type ValueInputProps } from "@/components/forms/inputs";
import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";

/*
 * Form fields bound to react-hook-form: label, control, help text, the field's error message and
 * whatever else belongs beside it (`after`: the rules engine's notes). The controls themselves are
 * ./inputs.tsx, shared with the calculator.
 */

interface FieldProps<T extends FieldValues, TOut> {
  control: Control<T, unknown, TOut>;
  name: FieldPath<T>;
  label: string;
  description?: string;
  className?: string;
  /** Shown under the field's own message, e.g. what the rules engine says about it. */
  after?: React.ReactNode;
}

type InputFieldProps<T extends FieldValues, TOut> = FieldProps<T, TOut> &
  Omit<ValueInputProps, "value" | "onValueChange" | "name" | "className"> & {
    /** Classes for the input itself (`className` is the field's). */
    inputClassName?: string;
  };

function inputField(Control: (props: ValueInputProps) => React.ReactNode) {
  return function InputField<T extends FieldValues, TOut>({ control, name, label, description, className, after, inputClassName, ...input }: InputFieldProps<T, TOut>) {
    return (
      <FormField
        control={control}
        name={name}
        render={({ field }) => (
          <FormItem className={className}>
            <FormLabel>{label}</FormLabel>
            <FormControl>
              <Control {...input} className={inputClassName} name={field.name} ref={field.ref} onBlur={field.onBlur} value={String(field.value ?? "")} onValueChange={field.onChange} />
            </FormControl>
            {description && <FormDescription>{description}</FormDescription>}
            <FormMessage />
            {after}
          </FormItem>
        )}
      />
    );
  };
}

function PlainInput({ value, onValueChange, onChange, ...props }: ValueInputProps) {
  return <Input {...props} value={value} onChange={onChange ?? ((event) => onValueChange(event.target.value))} />;
}

export const TextField = inputField(PlainInput);
/** A town with the picker's suggestions, within `country` when given. */
export function TownField<T extends FieldValues, TOut>({
  control,
  name,
  label,
  description,
  className,
  after,
  inputClassName,
  ...input
}: InputFieldProps<T, TOut> & Pick<TownInputProps, "country" | "onPick">) {
  return (
    <FormField
      control={control}
      name={name}
      render={({ field }) => (
        <FormItem className={className}>
          <FormLabel>{label}</FormLabel>
          <FormControl>
            <TownInput {...input} className={inputClassName} name={field.name} ref={field.ref} onBlur={field.onBlur} value={String(field.value ?? "")} onValueChange={field.onChange} />
          </FormControl>
          {description && <FormDescription>{description}</FormDescription>}
          <FormMessage />
          {after}
        </FormItem>
      )}
    />
  );
}
export const MoneyField = inputField(MoneyInput);
export const DateField = inputField(DateInput);
export const IntegerField = inputField(IntegerInput);

/** A country of the engine's list, names in the user's language. */
export function CountryField<T extends FieldValues, TOut>({
  control,
  name,
  label,
  description,
  className,
  after,
  countries,
  placeholder,
  testId,
}: FieldProps<T, TOut> & { countries: readonly string[]; placeholder: string; testId?: string }) {
  return (
    <FormField
      control={control}
      name={name}
      render={({ field }) => (
        <FormItem className={className}>
          <FormLabel>{label}</FormLabel>
          <CountrySelect countries={countries} value={String(field.value ?? "")} onChange={field.onChange} placeholder={placeholder} testId={testId} />
          {description && <FormDescription>{description}</FormDescription>}
          <FormMessage />
          {after}
        </FormItem>
      )}
    />
  );
}

/** A yes/no setting: the switch beside its label and help. */
export function SwitchField<T extends FieldValues, TOut>({ control, name, label, description, className, after }: FieldProps<T, TOut>) {
  return (
    <FormField
      control={control}
      name={name}
      render={({ field }) => (
        <FormItem className={className ?? "flex flex-row items-start gap-3"}>
          <FormControl>
            <Switch checked={Boolean(field.value)} onCheckedChange={field.onChange} />
          </FormControl>
          <div className="grid gap-1">
            <FormLabel>{label}</FormLabel>
            {description && <FormDescription>{description}</FormDescription>}
            <FormMessage />
            {after}
          </div>
        </FormItem>
      )}
    />
  );
}
