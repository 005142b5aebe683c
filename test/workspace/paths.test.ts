// Engine paths on every platform: POSIX, Windows drive letters and UNC shares keep their root through normalising,
// joining, climbing and relating (the upward wrangler search and the CLI's relative file names depend on it).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dirname, isAtOrInside, isInside, joinPath, normalizePath, relativePath, resolvePath } from '../../server/src/analysis/workspace/paths';

describe('engine paths', () => {
  it('normalises separators, drive letters and UNC shares, keeping the root', () => {
    assert.equal(normalizePath('c:\\Work\\gw\\'), 'C:/Work/gw');
    assert.equal(normalizePath('C:'), 'C:/');
    assert.equal(normalizePath('C:\\'), 'C:/');
    assert.equal(normalizePath('C:/a/../..'), 'C:/');
    assert.equal(normalizePath('\\\\srv\\share\\gw\\api-config.json'), '//srv/share/gw/api-config.json');
    assert.equal(normalizePath('//srv/share'), '//srv/share/');
    assert.equal(normalizePath('//srv/share/a/../..'), '//srv/share/');
    assert.equal(normalizePath('/tmp//gw/./x/'), '/tmp/gw/x');
    assert.equal(normalizePath('/'), '/');
    assert.equal(normalizePath('/../x'), '/x');
  });

  it('climbs to the root and stops there', () => {
    const climb = (path: string): string[] => {
      const seen = [path];
      for (let p = path, up = dirname(p); up !== p; p = up, up = dirname(p)) seen.push(up);
      return seen;
    };
    assert.deepEqual(climb('C:/proj/gw'), ['C:/proj/gw', 'C:/proj', 'C:/']);
    assert.deepEqual(climb('//srv/share/gw'), ['//srv/share/gw', '//srv/share/']);
    assert.deepEqual(climb('/work/gw'), ['/work/gw', '/work', '/']);
  });

  it('joins under the root, never making a UNC path of a POSIX one', () => {
    assert.equal(joinPath('C:/', 'wrangler.toml'), 'C:/wrangler.toml');
    assert.equal(joinPath('//srv/share/', 'gw', 'api-config.json'), '//srv/share/gw/api-config.json');
    assert.equal(joinPath('/', 'x'), '/x');
    assert.equal(joinPath('/', '/x'), '/x');
    assert.equal(resolvePath('C:/proj/gw', '..\\other\\wrangler.toml'), 'C:/proj/other/wrangler.toml');
    assert.equal(resolvePath('C:/proj/gw', 'D:\\w\\wrangler.toml'), 'D:/w/wrangler.toml');
    assert.equal(resolvePath('//srv/share/gw', '../../x'), '//srv/share/x');
  });

  it('relates paths on one drive (without regard to case) and gives the absolute path across drives and shares', () => {
    assert.equal(relativePath('C:/work', 'C:/work/gw/api-config.json'), 'gw/api-config.json');
    assert.equal(relativePath('C:/Work', 'C:/work/gw/api-config.json'), 'gw/api-config.json');
    assert.equal(relativePath('C:/work', 'D:/gw/api-config.json'), 'D:/gw/api-config.json');
    assert.equal(relativePath('C:/work', '//srv/share/gw/a.json'), '//srv/share/gw/a.json');
    assert.equal(relativePath('//srv/share/a', '//srv/share/b/c.json'), '../b/c.json');
    assert.equal(relativePath('/work', '/work/gw/a.json'), 'gw/a.json');
    assert.equal(relativePath('/work/gw', '/work/gw'), '.');
  });

  it('knows what is inside a folder', () => {
    assert.equal(isInside('C:/work', 'C:/work/gw'), true);
    assert.equal(isInside('C:/work', 'D:/work/gw'), false);
    assert.equal(isInside('/work', '/work/..hidden/x'), true);
    assert.equal(isInside('/work', '/other'), false);
    assert.equal(isInside('/work', '/work'), false);
    assert.equal(isAtOrInside('/work', '/work'), true);
    assert.equal(isAtOrInside('/work', '/work/gw'), true);
    assert.equal(isAtOrInside('/work', '/workshop'), false);
  });
});
