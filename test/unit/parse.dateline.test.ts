import { test } from 'node:test';
import assert from 'node:assert/strict';
import { datelineToIso } from '../../src/core/parseDateline';
import { siteOf } from '../../src/core/parseSite';

test('datelines to ISO 8601', () => {
  const cases: [string, string | null][] = [
    ['10:27 PM EST, Thu January 25, 2024', '2024-01-25T22:27:00-05:00'],
    ['12:05 AM EDT, Mon July 1, 2024', '2024-07-01T00:05:00-04:00'],
    ['12:30 PM CDT, Fri June 7, 2024', '2024-06-07T12:30:00-05:00'],
    ['6:00 AM MST, Tue Dec 3, 2024', '2024-12-03T06:00:00-07:00'],
    ['11:59 PM PDT, Sun Aug. 4, 2024', '2024-08-04T23:59:00-07:00'],
    ['3:15 p.m. GMT, March 5, 2024', '2024-03-05T15:15:00Z'],
    ['10 PM UTC, January 2, 2024', '2024-01-02T22:00:00Z'],
    ['10:27 PM ET, Thu January 25, 2024', '2024-01-25T22:27:00'], // unknown zone: no offset
    ['January 25, 2024', '2024-01-25'],
    ['Jan 5 2024', '2024-01-05'],
    ['2024-01-25', '2024-01-25'],
    ['2024-01-25T10:00:00+0100', '2024-01-25T10:00:00+01:00'],
    ['2024-01-25 10:00Z', '2024-01-25T10:00:00Z'],
    ['25 janvier 2024', '2024-01-25'],
    ['jeudi 1er août 2023 à 14h30', '2023-08-01T14:30:00'],
    ['29 février 2024', '2024-02-29'],
    ['Feb 30, 2024', null],
    ['2023-02-29', null],
    ['13:00 PM EST, January 25, 2024', null],
    ['January 25', null],
    ['sometime soon', null],
    ['January 25 26, 2024', null],
    ['', null],
  ];
  for (const [text, iso] of cases) assert.equal(datelineToIso(text), iso, text);
});

test('site: host without www, port, userinfo', () => {
  assert.equal(siteOf('https://lite.cnn.com/2024/01/25/x/index.html'), 'lite.cnn.com');
  assert.equal(siteOf('https://www.Example.org'), 'example.org');
  assert.equal(siteOf('http://u:p@www.a.example:8080/x?y#z'), 'a.example');
  assert.equal(siteOf('www.b.example/path'), 'b.example');
  assert.equal(siteOf('https://[::1]:3000/'), '[::1]');
  assert.equal(siteOf(''), '');
});
