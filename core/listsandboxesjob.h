#pragma once

#include "core/job.h"
#include "core/listsandboxespage.h"
#include "core/sandbox.h"

#include <QList>

#include <optional>
#include <utility>

namespace Orkestr {

struct ListSandboxesParams
{
    // Each filter may hold several values; empty means all.
    QStringList statuses;
    QStringList regions;
    QStringList templates;
    int limit = 0; // per page; 0 for the server's default (100)
    // The first page's size, when set: a small first page is on screen sooner, the rest follows in
    // pages of limit.
    int firstPageLimit = 0;
    QString cursor; // start from this page
    bool allPages = true; // follow next_cursor until the last page
    // Whether the job gathers the pages for sandboxes(); without, each page is only handed out by
    // pageReceived() and then freed (a reader that stores them as they come holds one copy).
    bool keepSandboxes = true;
    // The ETag of an earlier listing: an unchanged list answers 304 and notModified() is true.
    QByteArray ifNoneMatch;
};

// GET /v1/sandboxes, newest first, all pages by default.
//
// Pages are parsed on a worker thread, one at a time and in order. While one is parsed the next is
// already asked for, when its cursor can be read from the body without parsing it (see
// peekNextCursor); so a long listing costs about the slower of the server and the parser per
// page, not their sum. At most two pages' bodies are held at once.
class ListSandboxesJob : public Job
{
    Q_OBJECT
public:
    explicit ListSandboxesJob(const ListSandboxesParams &params = {}, QObject *parent = nullptr);

    QList<Sandbox> sandboxes() const { return m_sandboxes; }
    // Hands the list over and leaves the job without it (to free 10,000 sandboxes elsewhere).
    QList<Sandbox> takeSandboxes() { return std::exchange(m_sandboxes, QList<Sandbox>()); }
    // The cursor of the next page; empty after the last page.
    QString nextCursor() const { return m_nextCursor; }
    // The ETag of the first page, for the next poll's ifNoneMatch.
    QByteArray etag() const { return m_etag; }
    // X-Orkestr-Version of the first page: the account's change counter when the listing began
    // (0 from a server without it). Watching from it misses no change made while paging.
    qint64 version() const { return m_version; }
    // The server answered 304: the list is unchanged and sandboxes() is empty.
    bool notModified() const { return status() == Status::Succeeded && httpStatus() == 304; }
    // Pages parsed so far.
    int pages() const { return m_pages; }
    // Sandboxes in the pages parsed so far (whether kept or not).
    qsizetype count() const { return m_count; }

Q_SIGNALS:
    // Each page as it is parsed, in order (a list can be shown before it is whole). The next page
    // may be on its way meanwhile.
    void pageReceived(const QList<Orkestr::Sandbox> &sandboxes);

protected:
    ApiError onResponseFinished(const QByteArray &collected) override;

private:
    struct Body
    {
        QByteArray bytes;
        std::optional<QString> peekedCursor; // as read before parsing, when it could be
    };
    QUrlQuery queryFor(const QString &cursor) const;
    // Whether another page follows one whose cursor is known.
    bool wantsMore(const QString &cursor) const { return m_params.allPages && !cursor.isEmpty(); }
    // Parses `body` on a worker thread; when its cursor is known, asks for the next page at once.
    // Returns whether the job must wait for the parse before going on.
    bool startParse(Body body);
    void onParsed(const std::optional<QString> &peekedCursor, SandboxPage page);
    void askForPage(const QString &cursor);
    void fail(const ApiError &error);
    void defer();
    void resume(const ApiError &error = {});

    ListSandboxesParams m_params;
    QList<Sandbox> m_sandboxes;
    QString m_nextCursor;
    QByteArray m_etag;
    qint64 m_version = 0;
    int m_pages = 0;
    int m_responses = 0;
    qsizetype m_count = 0;
    bool m_parsing = false;
    bool m_deferred = false; // the request machinery waits for a parse (deferCompletion)
    std::optional<Body> m_waiting; // arrived while the page before it was still being parsed
};

} // namespace Orkestr
