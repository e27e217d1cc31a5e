#pragma once

#include "core/jsonjobs.h"
#include "core/sandbox.h"

#include <utility>

namespace Orkestr {

// The path of a sandbox resource, with the id percent-encoded so that it cannot change the path.
QString sandboxPath(const QString &sandboxId, const QString &suffix = {});

// A job whose response is one sandbox object.
class SandboxJob : public ObjectJob<Sandbox>
{
    Q_OBJECT
public:
    Sandbox sandbox() const { return value(); }

protected:
    SandboxJob(QByteArray method, QString path, QObject *parent);
};

// POST /v1/sandboxes. Sends one Idempotency-Key for all its attempts, so a retry after a lost
// response returns the first sandbox instead of creating a second one.
class CreateSandboxJob : public SandboxJob
{
    Q_OBJECT
public:
    explicit CreateSandboxJob(const CreateSandboxParams &params, QObject *parent = nullptr);
    QByteArray idempotencyKey() const { return m_idempotencyKey; }

protected:
    ApiError preflightError() const override { return m_validation; }

private:
    QByteArray m_idempotencyKey;
    ApiError m_validation;
};

// The sandbox requests that take only the sandbox's id and answer with the sandbox.
enum class SandboxRequest {
    Get, // GET /v1/sandboxes/{id}
    Terminate, // DELETE /v1/sandboxes/{id}: the sandbox, now terminated; terminating twice is no error
    Pause, // POST /v1/sandboxes/{id}/pause; not retried: a repeat after a lost response would be a 409
    Resume, // POST /v1/sandboxes/{id}/resume
};

template<SandboxRequest Request> class SandboxRequestJob : public SandboxJob
{
public:
    explicit SandboxRequestJob(const QString &sandboxId, QObject *parent = nullptr);
};

extern template class SandboxRequestJob<SandboxRequest::Get>;
extern template class SandboxRequestJob<SandboxRequest::Terminate>;
extern template class SandboxRequestJob<SandboxRequest::Pause>;
extern template class SandboxRequestJob<SandboxRequest::Resume>;
using GetSandboxJob = SandboxRequestJob<SandboxRequest::Get>;
using TerminateSandboxJob = SandboxRequestJob<SandboxRequest::Terminate>;
using PauseSandboxJob = SandboxRequestJob<SandboxRequest::Pause>;
using ResumeSandboxJob = SandboxRequestJob<SandboxRequest::Resume>;

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
    // The ETag of an earlier listing: an unchanged list answers 304 and notModified() is true.
    QByteArray ifNoneMatch;
};

// GET /v1/sandboxes, newest first, all pages by default.
class ListSandboxesJob : public Job
{
    Q_OBJECT
public:
    explicit ListSandboxesJob(const ListSandboxesParams &params = {}, QObject *parent = nullptr);

    QList<Sandbox> sandboxes() const { return m_sandboxes; }
    // Hands the list over and leaves the job without it (to free 10,000 sandboxes elsewhere).
    QList<Sandbox> takeSandboxes() { return std::exchange(m_sandboxes, {}); }
    // The cursor of the next page; empty after the last page.
    QString nextCursor() const { return m_nextCursor; }
    // The ETag of the first page, for the next poll's ifNoneMatch.
    QByteArray etag() const { return m_etag; }
    // X-Orkestr-Version of the first page: the account's change counter when the listing began
    // (0 from a server without it). Watching from it misses no change made while paging.
    qint64 version() const { return m_version; }
    // The server answered 304: the list is unchanged and sandboxes() is empty.
    bool notModified() const { return m_notModified; }
    int pages() const { return m_pages; }

Q_SIGNALS:
    // Each page as it is parsed, before the next is fetched (a list can be shown before it is whole).
    void pageReceived(const QList<Orkestr::Sandbox> &sandboxes);

protected:
    // Parses each page on a worker thread: 10,000 sandboxes take about 200 ms to parse.
    ApiError onResponseFinished(const QByteArray &collected) override;
    void resetForRetry() override;

private:
    QUrlQuery queryFor(const QString &cursor) const;

    ListSandboxesParams m_params;
    QList<Sandbox> m_sandboxes;
    qsizetype m_pageStart = 0; // where the page being fetched starts in m_sandboxes
    QString m_nextCursor;
    QByteArray m_etag;
    qint64 m_version = 0;
    bool m_notModified = false;
    int m_pages = 0;
};

// POST /v1/sandboxes/{id}/exec: runs a command and returns its buffered output. Never retried:
// a command may have run even when its response was lost.
class ExecJob : public ObjectJob<ExecResult>
{
    Q_OBJECT
public:
    ExecJob(const QString &sandboxId, const QString &command, const ExecOptions &options = {},
            QObject *parent = nullptr);
    ExecResult result() const { return value(); }
};

// The JSON body shared by exec and exec stream.
QJsonObject execBody(const QString &command, const ExecOptions &options);

} // namespace Orkestr
