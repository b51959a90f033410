/**
 * The pages a person sees behind a Send and Wait link. A GET only shows the choice; the page's
 * own POST records it, so that a link preview (WhatsApp and many phones fetch every link they
 * show) never answers for the person. Everything put into a page is escaped here.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

export interface ChoicePage {
	/** The question the person was sent, shown above the choice. */
	message: string;
	/** The button's label: the link's choice (Approve, Decline) or the form's (Submit). */
	button: string;
	/** Free Text: a text box above the button, with this label. */
	textBox?: string;
	/** Free Text sent empty: say so above the box. */
	error?: string;
}

/**
 * The page a GET shows: the message and one button in a form that POSTs to the very address the
 * page was opened at (no `action`), so the signed query comes along unchanged.
 */
export function choicePage(page: ChoicePage): string {
	const box =
		page.textBox === undefined
			? ''
			: `<label for="text">${escapeHtml(page.textBox)}</label>${page.error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(page.error)}</p>`}<textarea id="text" name="text" rows="5" required></textarea>`;
	return layout(
		'Your answer',
		`${messageBlock(page.message)}<form method="post">${box}<button type="submit">${escapeHtml(page.button)}</button></form>`,
	);
}

/** After the page's POST: the answer is recorded. */
export function recordedPage(): string {
	return layout('Answer recorded', '<h1>Thank you</h1><p>Your answer was recorded. You can close this page.</p>');
}

/** A link that cannot answer anything (an incomplete link, an unknown choice). */
export function problemPage(title: string, text: string): string {
	return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`);
}

function messageBlock(message: string): string {
	if (message.trim() === '') return '';
	return `<div class="message">${escapeHtml(message).replace(/\r?\n/g, '<br>')}</div>`;
}

function layout(title: string, body: string): string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

const STYLE =
	'body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;padding:24px;color:#1f2328}main{max-width:480px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 1px 3px rgba(0,0,0,.1)}.message{white-space:normal;margin-bottom:20px;line-height:1.5}label{display:block;font-weight:600;margin-bottom:8px}textarea{width:100%;box-sizing:border-box;font:inherit;padding:8px;margin-bottom:16px}button{font:inherit;font-weight:600;padding:10px 20px;border:0;border-radius:6px;background:#128c7e;color:#fff;cursor:pointer}.error{color:#b42318}';

/** Headers for every page: no caching, not indexed, no scripts, the form posts only back here. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
	'Content-Type': 'text/html; charset=utf-8',
	'Cache-Control': 'no-store',
	'X-Robots-Tag': 'noindex, nofollow',
	'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
	'Referrer-Policy': 'no-referrer',
};
