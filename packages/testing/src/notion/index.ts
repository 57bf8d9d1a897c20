export { FakeNotion, NOTION_MAX_PAGE_SIZE } from "./fake-notion";
export { NotionWorkspace, type NotionSeed, type NotionPageRecord, type NotionBlockRecord, type NotionDataSourceRecord } from "./workspace";
