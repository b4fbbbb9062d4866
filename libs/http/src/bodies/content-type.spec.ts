import fc from 'fast-check';
import { DomainError } from '@retrowalk/domain';
import { contentTypeProblem, hasRequestBody, parseContentType } from './content-type';
import { CSV_BODY, JSON_BODY, ONE_CLICK_BODY } from './media-types';

describe('parseContentType', () => {
  it.each([
    ['application/json', { mediaType: 'application/json', charset: null }],
    ['Application/JSON; Charset=UTF-8', { mediaType: 'application/json', charset: 'utf-8' }],
    ['text/csv;charset="utf-8"', { mediaType: 'text/csv', charset: 'utf-8' }],
    ['multipart/form-data; boundary=----x', { mediaType: 'multipart/form-data', charset: null }],
    [' application/json ', { mediaType: 'application/json', charset: null }],
  ])('reads %j', (header, parsed) => {
    expect(parseContentType(header)).toEqual(parsed);
  });

  it.each([
    '',
    'json',
    'application/',
    '/json',
    'application/json/x',
    'appli cation/json',
    'a/b c',
    '\u0000/x',
  ])('refuses %j', (header) => {
    expect(parseContentType(header)).toBeNull();
  });
});

describe('hasRequestBody', () => {
  it('follows Content-Length and Transfer-Encoding as Fastify does', () => {
    expect(hasRequestBody({})).toBe(false);
    expect(hasRequestBody({ 'content-length': '0' })).toBe(false);
    expect(hasRequestBody({ 'content-length': '12' })).toBe(true);
    expect(hasRequestBody({ 'transfer-encoding': 'chunked' })).toBe(true);
  });
});

describe('contentTypeProblem', () => {
  it('lets what a route takes through, in any letter case and with a UTF-8 charset', () => {
    expect(contentTypeProblem('application/json', true, JSON_BODY)).toBeNull();
    expect(contentTypeProblem('APPLICATION/JSON; charset=utf-8', true, JSON_BODY)).toBeNull();
    expect(contentTypeProblem('text/csv; charset=UTF-8', true, CSV_BODY)).toBeNull();
    expect(contentTypeProblem('multipart/form-data; boundary=x', true, ONE_CLICK_BODY)).toBeNull();
  });

  it('lets a request without a body through whatever it says it is not', () => {
    expect(contentTypeProblem(undefined, false, JSON_BODY)).toBeNull();
  });

  it('refuses with 415 naming what the route takes', () => {
    const problem = contentTypeProblem('text/csv', true, JSON_BODY);
    expect(problem).toBeInstanceOf(DomainError);
    expect(problem).toMatchObject({
      code: 'unsupported_media_type',
      message: 'This route takes application/json (UTF-8); the request sent text/csv.',
      details: [{ field: 'Content-Type', message: 'must be application/json' }],
    });
  });

  it.each([
    ['text/csv', false, 'the request sent text/csv'],
    ['application/csv', true, 'the request sent application/csv'],
    ['application/json; charset=utf-16', true, 'the body must be UTF-8'],
    ['application/json; charset=latin1', true, 'the body must be UTF-8'],
    ['application/vnd.api+json', true, 'the request sent application/vnd.api+json'],
    ['not a type', true, 'the request has an unreadable Content-Type'],
  ])('refuses %j on a JSON route (body: %s)', (header, hasBody, why) => {
    expect(contentTypeProblem(header, hasBody, JSON_BODY)?.message).toContain(why);
  });

  it('refuses a body without a Content-Type', () => {
    expect(contentTypeProblem(undefined, true, CSV_BODY)?.message).toBe(
      'This route takes text/csv or application/csv (UTF-8); the request has a body but no Content-Type.',
    );
  });

  it('never lets a type through that the route does not list, and keeps the message short', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.boolean(), (header, hasBody) => {
        const problem = contentTypeProblem(header, hasBody, JSON_BODY);
        const parsed = parseContentType(header);
        if (parsed?.mediaType !== 'application/json') expect(problem).not.toBeNull();
        if (problem) expect(problem.message.length).toBeLessThan(200);
      }),
    );
  });
});
