// Page pieces shared by participant pages, the coach workspace and the report page. Named exports only.
export { CSRF_FIELD, csrfField, postForm, type PostForm } from './forms';
export { Html, html, type HtmlPart, query, raw, url } from './html';
export { type PageDocument, renderPageDocument } from './page-document';
