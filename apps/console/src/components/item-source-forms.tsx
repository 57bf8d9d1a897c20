import type { ItemProviderDescriptor } from "@repo/console-types";
import { Field } from "./field";

interface ItemSourceFormsProps {
  /** The registry's declarations, one form each, in order. */
  descriptors: Readonly<Record<string, ItemProviderDescriptor>>;
  action: (formData: FormData) => void | Promise<void>;
  /** The field the last submission's error belongs to (`<provider>-<field>`), its message and the scope typed. */
  field: string | undefined;
  error: string | undefined;
  value: string | undefined;
}

/** The item sources' connect forms, each built from the fields its registry entry declares. */
export function ItemSourceForms({ descriptors, action, field, error, value }: ItemSourceFormsProps) {
  const names = Object.values(descriptors).map((descriptor) => descriptor.displayName);
  const heading = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
  return (
    <>
      <h2>{heading}</h2>
      <p className="muted">The token is checked with one request, then stored sealed; it is never shown again.</p>
      {Object.entries(descriptors).map(([provider, descriptor]) => (
        <section key={provider} aria-labelledby={`${provider}-heading`}>
          <h3 id={`${provider}-heading`}>{descriptor.connect.title}</h3>
          <form action={action} className="stack">
            <input type="hidden" name="provider" value={provider} />
            {descriptor.connect.fields.map((input) => {
              const id = `${provider}-${input.name}`;
              // The token is never prefilled or echoed; only the scope is typed back after an error.
              const secret = input.name === "token";
              return (
                <Field
                  key={input.name}
                  label={input.label}
                  name={input.name}
                  id={id}
                  placeholder={input.placeholder}
                  required
                  error={field === id ? error : undefined}
                  hint={input.hint}
                  {...(secret ? { type: "password", autoComplete: "off" } : { defaultValue: field?.startsWith(`${provider}-`) ? value : undefined })}
                />
              );
            })}
            <button type="submit">Connect {descriptor.connect.title}</button>
          </form>
        </section>
      ))}
    </>
  );
}
