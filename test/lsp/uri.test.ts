// URI <-> path, the one conversion (server/src/lsp/uri.ts): Windows drive letters either way VS Code or others
// write them, UNC shares, percent-encoding, and schemes that are not files.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathToUri, uriToPath } from '../../server/src/lsp/uri';

describe('uri', () => {
  it('reads POSIX file URIs, decoding escapes', () => {
    assert.equal(uriToPath('file:///work/gw/api-config.json'), '/work/gw/api-config.json');
    assert.equal(uriToPath('file:///work/my%20gw/a%23b.json'), '/work/my gw/a#b.json');
    assert.equal(uriToPath('file://localhost/work/x'), '/work/x');
  });

  it('reads Windows drive letters in every spelling, to the upper-case engine form', () => {
    assert.equal(uriToPath('file:///c%3A/work/gw/api-config.json'), 'C:/work/gw/api-config.json');
    assert.equal(uriToPath('file:///C:/work/gw'), 'C:/work/gw');
    assert.equal(uriToPath('file:///d:/'), 'D:/');
  });

  it('reads UNC shares', () => {
    assert.equal(uriToPath('file://server/share/gw/api-config.json'), '//server/share/gw/api-config.json');
  });

  it('refuses other schemes and broken escapes', () => {
    assert.equal(uriToPath('untitled:Untitled-1'), undefined);
    assert.equal(uriToPath('https://example.com/x'), undefined);
    assert.equal(uriToPath('file:///bad%E0%A4%A'), undefined);
  });

  it('writes URIs the way VS Code does, and round-trips', () => {
    assert.equal(pathToUri('C:/work/gw/api-config.json'), 'file:///c%3A/work/gw/api-config.json');
    assert.equal(pathToUri('/work/my gw/a#b.json'), 'file:///work/my%20gw/a%23b.json');
    assert.equal(pathToUri('//server/share/x'), 'file://server/share/x');
    for (const path of ['C:/work/gw/api-config.json', '/tmp/a b/c(1).json', '//server/share/x', '/ünï/cødé.json']) {
      assert.equal(uriToPath(pathToUri(path)), path);
    }
  });
});
