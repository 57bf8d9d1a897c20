import type { Node } from "web-tree-sitter";

// Wrappers whose interesting name sits on an inner declaration.
const WRAPPER_FIELDS = ["declaration", "definition"];
const DECLARATOR_TYPES = new Set(["variable_declarator", "type_spec", "const_spec", "var_spec", "type_alias"]);
const MAX_NAME = 80;

/**
 * The name a declaration introduces ("Retry", "backoff", "DEFAULT_LIMIT"), or undefined for
 * statements that declare nothing. Only one level of wrappers is followed, so this stays cheap.
 */
export function declaredName(node: Node): string | undefined {
  const direct = node.childForFieldName("name");
  if (direct) return clip(direct.text);
  for (const field of WRAPPER_FIELDS) {
    const inner = node.childForFieldName(field);
    if (inner) return declaredName(inner);
  }
  for (let i = 0; i < node.namedChildCount; i++) {
    const child = node.namedChild(i);
    if (child && DECLARATOR_TYPES.has(child.type)) {
      const name = child.childForFieldName("name");
      if (name) return clip(name.text);
    }
  }
  if (node.type === "export_statement" && node.children.some((child) => child?.type === "default")) return "default";
  return undefined;
}

function clip(name: string): string | undefined {
  const flat = name.replace(/\s+/g, " ").trim();
  if (flat.length === 0) return undefined;
  return flat.length > MAX_NAME ? `${flat.slice(0, MAX_NAME)}…` : flat;
}
