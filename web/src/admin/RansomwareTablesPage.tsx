import { TableEditor } from './TableEditor.js';

/** Administrators curate what the public ransomware answers say: free decryptors and where to report. */
export function RansomwareTablesPage() {
  return (
    <div className="page">
      <h1>Ransomware advice tables</h1>
      <p className="muted">
        What the public portal and <code>accord ransomware identify</code> answer: the free decryptor of a
        family (by MISP galaxy UUID) and the police reporting contact per country (<code>*</code> for every
        other country). Every change is audited.
      </p>
      <TableEditor
        title="Free decryptors"
        path="/api/v1/admin/ransomware/decryptors"
        keyField="galaxy_uuid"
        keyLabel="Galaxy UUID of the family"
        columns={['family', 'tool', 'provider', 'url', 'source']}
        fields={[
          { name: 'tool', label: 'Tool' },
          { name: 'provider', label: 'Provider' },
          { name: 'url', label: 'Guide URL' },
          { name: 'source', label: 'Source URL' },
          { name: 'note', label: 'Note', optional: true },
        ]}
      />
      <TableEditor
        title="Reporting contacts"
        path="/api/v1/admin/ransomware/contacts"
        keyField="country"
        keyLabel="Country (two letters, or *)"
        columns={['name', 'url']}
        fields={[
          { name: 'name', label: 'Name' },
          { name: 'url', label: 'URL' },
        ]}
      />
    </div>
  );
}
