import type { InputHTMLAttributes, ReactNode } from "react";

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  /** The inline validation error for this field, if the last submission had one. */
  error?: string | undefined;
  hint?: ReactNode;
}

/** A labelled text input whose error is announced and tied to it with aria-describedby. */
export function Field({ label, name, error, hint, id = name, ...input }: FieldProps) {
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} {...input} />
      {hint ? <p className="muted hint">{hint}</p> : null}
      {error ? (
        <p id={errorId} className="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
