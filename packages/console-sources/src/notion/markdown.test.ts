import { describe, expect, it } from "vitest";
import { pageMarkdown, type BlockTree } from "./markdown";

const rt = (text: string) => [{ plain_text: text }];
const leaf = (type: string, body: Record<string, unknown>, children: BlockTree[] = []): BlockTree => ({
  block: { id: `${type}-${Math.random()}`, type, has_children: children.length > 0, [type]: body },
  children,
});

describe("pageMarkdown", () => {
  it("renders headings, paragraphs, lists with nested children, to-dos, code and subpages", () => {
    const md = pageMarkdown("Plan", [
      leaf("heading_1", { rich_text: rt("Goals") }),
      leaf("paragraph", { rich_text: [{ plain_text: "Ship", annotations: { bold: true } }, { plain_text: " it" }] }),
      leaf("numbered_list_item", { rich_text: rt("First") }, [leaf("bulleted_list_item", { rich_text: rt("Detail") })]),
      leaf("numbered_list_item", { rich_text: rt("Second") }),
      leaf("to_do", { rich_text: rt("Test"), checked: true }),
      leaf("code", { rich_text: rt("let x = 1;"), language: "typescript" }),
      leaf("child_page", { title: "Appendix" }),
    ]);
    expect(md).toBe(
      "# Plan\n\n## Goals\n\n**Ship** it\n\n1. First\n  - Detail\n2. Second\n- [x] Test\n\n```typescript\nlet x = 1;\n```\n\n- Subpage: Appendix\n",
    );
  });
});
