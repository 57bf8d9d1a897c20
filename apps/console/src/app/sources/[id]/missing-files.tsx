/** Files of the synced commit (items at the synced cursor) that the index lacks, each with the reason (skip) or error (failure). */
export function MissingFiles({
  files,
  more,
  items = false,
}: {
  files: Array<{ path: string; outcome: string; reason: string | null; error: string | null }>;
  more: boolean;
  items?: boolean;
}) {
  if (files.length === 0) return <p className="muted">{items ? "None: every item read is indexed." : "None: every file of the synced commit is indexed."}</p>;
  return (
    <>
      <table>
        <thead>
          <tr>
            <th scope="col">{items ? "Item" : "Path"}</th>
            <th scope="col">Outcome</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {files.map((file) => (
            <tr key={file.path} data-missing={file.path}>
              <td>
                <code>{file.path}</code>
              </td>
              <td>
                <span className={`badge ${file.outcome}`}>{file.outcome}</span>
              </td>
              <td>{[file.reason, file.error].filter(Boolean).join(": ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more ? <p className="muted">Only the first {files.length} are shown.</p> : null}
    </>
  );
}
