/**
 * Every MISP attribute type Accord maps, with a canonical value, the pattern its `to_ids` attribute
 * becomes and the SCO(s) its observation becomes (main SCO first, ids left out). Shared by the
 * import table test and the round-trip test.
 */
export interface AttributeCase {
  type: string;
  value: string;
  category: string;
  pattern: string;
  scos: Array<Record<string, unknown>>;
}

export const ATTRIBUTE_CASES: readonly AttributeCase[] = [
  {
    type: 'ip-src',
    value: '198.51.100.7',
    category: 'Network activity',
    pattern: "[ipv4-addr:value = '198.51.100.7']",
    scos: [{ type: 'ipv4-addr', value: '198.51.100.7' }],
  },
  {
    type: 'ip-dst',
    value: '2001:db8::1',
    category: 'Network activity',
    pattern: "[ipv6-addr:value = '2001:db8::1']",
    scos: [{ type: 'ipv6-addr', value: '2001:db8::1' }],
  },
  {
    type: 'ip-dst',
    value: '203.0.113.0/24',
    category: 'Network activity',
    pattern: "[ipv4-addr:value ISSUBSET '203.0.113.0/24']",
    scos: [{ type: 'ipv4-addr', value: '203.0.113.0/24' }],
  },
  {
    type: 'ip-src|port',
    value: '198.51.100.8|4444',
    category: 'Network activity',
    pattern: "[network-traffic:src_ref.value = '198.51.100.8' AND network-traffic:src_port = 4444]",
    scos: [
      { type: 'network-traffic', src_port: 4444, protocols: ['ipv4'] },
      { type: 'ipv4-addr', value: '198.51.100.8' },
    ],
  },
  {
    type: 'ip-dst|port',
    value: '203.0.113.9|443',
    category: 'Network activity',
    pattern: "[network-traffic:dst_ref.value = '203.0.113.9' AND network-traffic:dst_port = 443]",
    scos: [
      { type: 'network-traffic', dst_port: 443, protocols: ['ipv4'] },
      { type: 'ipv4-addr', value: '203.0.113.9' },
    ],
  },
  {
    type: 'domain',
    value: 'evil.example.com',
    category: 'Network activity',
    pattern: "[domain-name:value = 'evil.example.com']",
    scos: [{ type: 'domain-name', value: 'evil.example.com' }],
  },
  {
    type: 'hostname',
    value: 'c2.example.net',
    category: 'Network activity',
    pattern: "[domain-name:value = 'c2.example.net']",
    scos: [{ type: 'domain-name', value: 'c2.example.net' }],
  },
  {
    type: 'domain|ip',
    value: 'bad.example.org|192.0.2.44',
    category: 'Network activity',
    pattern:
      "[domain-name:value = 'bad.example.org' AND domain-name:resolves_to_refs[*].value = '192.0.2.44']",
    scos: [
      { type: 'domain-name', value: 'bad.example.org' },
      { type: 'ipv4-addr', value: '192.0.2.44' },
    ],
  },
  {
    type: 'url',
    value: 'http://evil.example.com/gate.php?id=1',
    category: 'Network activity',
    pattern: "[url:value = 'http://evil.example.com/gate.php?id=1']",
    scos: [{ type: 'url', value: 'http://evil.example.com/gate.php?id=1' }],
  },
  {
    type: 'uri',
    value: '/wp-content/x.php',
    category: 'Network activity',
    pattern: "[url:value = '/wp-content/x.php']",
    scos: [{ type: 'url', value: '/wp-content/x.php' }],
  },
  {
    type: 'email-src',
    value: 'phish@example.com',
    category: 'Payload delivery',
    pattern: "[email-addr:value = 'phish@example.com']",
    scos: [{ type: 'email-addr', value: 'phish@example.com' }],
  },
  {
    type: 'email-dst',
    value: 'victim@example.org',
    category: 'Payload delivery',
    pattern: "[email-addr:value = 'victim@example.org']",
    scos: [{ type: 'email-addr', value: 'victim@example.org' }],
  },
  {
    type: 'email-subject',
    value: "Your invoice 'April'",
    category: 'Payload delivery',
    pattern: "[email-message:subject = 'Your invoice \\'April\\'']",
    scos: [{ type: 'email-message', is_multipart: false, subject: "Your invoice 'April'" }],
  },
  {
    type: 'md5',
    value: '0749bae92ca336a02c83d126e04ec628',
    category: 'Payload delivery',
    pattern: "[file:hashes.MD5 = '0749bae92ca336a02c83d126e04ec628']",
    scos: [{ type: 'file', hashes: { MD5: '0749bae92ca336a02c83d126e04ec628' } }],
  },
  {
    type: 'sha1',
    value: '77b0c41b7d340b8a3d903f21347bbf06aa766b5b',
    category: 'Payload delivery',
    pattern: "[file:hashes.'SHA-1' = '77b0c41b7d340b8a3d903f21347bbf06aa766b5b']",
    scos: [{ type: 'file', hashes: { 'SHA-1': '77b0c41b7d340b8a3d903f21347bbf06aa766b5b' } }],
  },
  {
    type: 'sha256',
    value: 'b3c4ae251f8094fa15b510051835c657eaef2a6cea46075d3aec964b14a99f68',
    category: 'Payload delivery',
    pattern: "[file:hashes.'SHA-256' = 'b3c4ae251f8094fa15b510051835c657eaef2a6cea46075d3aec964b14a99f68']",
    scos: [
      {
        type: 'file',
        hashes: { 'SHA-256': 'b3c4ae251f8094fa15b510051835c657eaef2a6cea46075d3aec964b14a99f68' },
      },
    ],
  },
  {
    type: 'sha512',
    value: 'a'.repeat(128),
    category: 'Payload delivery',
    pattern: `[file:hashes.'SHA-512' = '${'a'.repeat(128)}']`,
    scos: [{ type: 'file', hashes: { 'SHA-512': 'a'.repeat(128) } }],
  },
  {
    type: 'filename',
    value: 'invoice.pdf.exe',
    category: 'Payload delivery',
    pattern: "[file:name = 'invoice.pdf.exe']",
    scos: [{ type: 'file', name: 'invoice.pdf.exe' }],
  },
  {
    type: 'filename|md5',
    value: 'a.exe|0749bae92ca336a02c83d126e04ec628',
    category: 'Payload delivery',
    pattern: "[file:name = 'a.exe' AND file:hashes.MD5 = '0749bae92ca336a02c83d126e04ec628']",
    scos: [{ type: 'file', name: 'a.exe', hashes: { MD5: '0749bae92ca336a02c83d126e04ec628' } }],
  },
  {
    type: 'filename|sha1',
    value: 'b.dll|77b0c41b7d340b8a3d903f21347bbf06aa766b5b',
    category: 'Payload delivery',
    pattern: "[file:name = 'b.dll' AND file:hashes.'SHA-1' = '77b0c41b7d340b8a3d903f21347bbf06aa766b5b']",
    scos: [{ type: 'file', name: 'b.dll', hashes: { 'SHA-1': '77b0c41b7d340b8a3d903f21347bbf06aa766b5b' } }],
  },
  {
    type: 'filename|sha256',
    value: 'c.doc|b3c4ae251f8094fa15b510051835c657eaef2a6cea46075d3aec964b14a99f68',
    category: 'Payload delivery',
    pattern:
      "[file:name = 'c.doc' AND file:hashes.'SHA-256' = 'b3c4ae251f8094fa15b510051835c657eaef2a6cea46075d3aec964b14a99f68']",
    scos: [
      {
        type: 'file',
        name: 'c.doc',
        hashes: { 'SHA-256': 'b3c4ae251f8094fa15b510051835c657eaef2a6cea46075d3aec964b14a99f68' },
      },
    ],
  },
  {
    type: 'ssdeep',
    value: '96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sF1LjEtHHlZDrJzrhuyZvHYm8tKp/RWO',
    category: 'Payload delivery',
    pattern:
      "[file:hashes.SSDEEP = '96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sF1LjEtHHlZDrJzrhuyZvHYm8tKp/RWO']",
    scos: [
      {
        type: 'file',
        hashes: {
          SSDEEP:
            '96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sF1LjEtHHlZDrJzrhuyZvHYm8tKp/RWO',
        },
      },
    ],
  },
  {
    type: 'tlsh',
    value: 'b'.repeat(70),
    category: 'Payload delivery',
    pattern: `[file:hashes.TLSH = '${'b'.repeat(70)}']`,
    scos: [{ type: 'file', hashes: { TLSH: 'b'.repeat(70) } }],
  },
  {
    type: 'imphash',
    value: 'f34d5f2d4577ed6d9ceec516c1f5a744',
    category: 'Payload delivery',
    pattern: "[file:extensions.'windows-pebinary-ext'.imphash = 'f34d5f2d4577ed6d9ceec516c1f5a744']",
    scos: [
      { type: 'x-misp-attribute', x_misp_type: 'imphash', x_misp_value: 'f34d5f2d4577ed6d9ceec516c1f5a744' },
    ],
  },
  {
    type: 'mutex',
    value: 'Global\\XoristMutex',
    category: 'Artifacts dropped',
    pattern: "[mutex:name = 'Global\\\\XoristMutex']",
    scos: [{ type: 'mutex', name: 'Global\\XoristMutex' }],
  },
  {
    type: 'regkey',
    value: 'HKEY_CURRENT_USER\\Software\\Xorist',
    category: 'Persistence mechanism',
    pattern: "[windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\Xorist']",
    scos: [{ type: 'windows-registry-key', key: 'HKEY_CURRENT_USER\\Software\\Xorist' }],
  },
  {
    type: 'regkey|value',
    value: 'HKEY_LOCAL_MACHINE\\Software\\Run|C:\\x.exe',
    category: 'Persistence mechanism',
    pattern:
      "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Software\\\\Run' AND windows-registry-key:values[*].data = 'C:\\\\x.exe']",
    scos: [
      {
        type: 'windows-registry-key',
        key: 'HKEY_LOCAL_MACHINE\\Software\\Run',
        values: [{ name: '', data: 'C:\\x.exe' }],
      },
    ],
  },
  {
    type: 'user-agent',
    value: 'Mozilla/5.0 (EvilBot)',
    category: 'Network activity',
    pattern:
      "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'Mozilla/5.0 (EvilBot)']",
    scos: [{ type: 'x-misp-attribute', x_misp_type: 'user-agent', x_misp_value: 'Mozilla/5.0 (EvilBot)' }],
  },
  {
    type: 'AS',
    value: '64496',
    category: 'Network activity',
    pattern: '[autonomous-system:number = 64496]',
    scos: [{ type: 'autonomous-system', number: 64496 }],
  },
  {
    type: 'btc',
    value: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
    category: 'Financial fraud',
    pattern: "[cryptocurrency-wallet:value = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa']",
    scos: [
      { type: 'x-misp-attribute', x_misp_type: 'btc', x_misp_value: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa' },
    ],
  },
  {
    type: 'x509-fingerprint-sha1',
    value: '0123456789abcdef0123456789abcdef01234567',
    category: 'Network activity',
    pattern: "[x509-certificate:hashes.'SHA-1' = '0123456789abcdef0123456789abcdef01234567']",
    scos: [{ type: 'x509-certificate', hashes: { 'SHA-1': '0123456789abcdef0123456789abcdef01234567' } }],
  },
  {
    type: 'ja3-fingerprint-md5',
    value: 'e7d705a3286e19ea42f587b344ee6865',
    category: 'Network activity',
    pattern:
      "[x-misp-attribute:x_misp_type = 'ja3-fingerprint-md5' AND x-misp-attribute:x_misp_value = 'e7d705a3286e19ea42f587b344ee6865']",
    scos: [
      {
        type: 'x-misp-attribute',
        x_misp_type: 'ja3-fingerprint-md5',
        x_misp_value: 'e7d705a3286e19ea42f587b344ee6865',
      },
    ],
  },
  {
    type: 'link',
    value: 'https://example.org/report.html',
    category: 'External analysis',
    pattern: "[url:value = 'https://example.org/report.html']",
    scos: [],
  },
];
