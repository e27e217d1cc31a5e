#include "core/listsandboxesjob.h"

#include <QFutureWatcher>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

namespace Orkestr {

using namespace Qt::StringLiterals;

ListSandboxesJob::ListSandboxesJob(const ListSandboxesParams &params, QObject *parent)
    : Job("GET", u"/v1/sandboxes"_s, parent)
    , m_params(params)
{
    setQuery(queryFor(params.cursor));
    if (!params.ifNoneMatch.isEmpty())
        setRawHeader("If-None-Match", params.ifNoneMatch);
}

QUrlQuery ListSandboxesJob::queryFor(const QString &cursor) const
{
    QUrlQuery query;
    auto add = [&](const QString &key, const QString &value) {
        query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    for (const auto &status : m_params.statuses)
        add(u"status"_s, status);
    for (const auto &region : m_params.regions)
        add(u"region"_s, region);
    for (const auto &name : m_params.templates)
        add(u"template"_s, name);
    const int limit
        = cursor.isEmpty() && m_params.firstPageLimit > 0 ? m_params.firstPageLimit : m_params.limit;
    if (limit > 0)
        add(u"limit"_s, QString::number(limit));
    if (!cursor.isEmpty())
        add(u"cursor"_s, cursor);
    return query;
}

ApiError ListSandboxesJob::onResponseFinished(const QByteArray &collected)
{
    if (httpStatus() == 304) {
        m_etag = m_params.ifNoneMatch;
        m_version = responseHeader("X-Orkestr-Version").toLongLong();
        return {};
    }
    if (m_responses++ == 0) {
        m_etag = responseHeader("ETag");
        m_version = responseHeader("X-Orkestr-Version").toLongLong();
    }
    Body body {collected, peekNextCursor(collected)};
    if (m_parsing) {
        // The parser is behind the network: this page waits, and the next is not asked for yet.
        m_waiting = std::move(body);
        defer();
    } else if (startParse(std::move(body))) {
        defer();
    }
    return {};
}

bool ListSandboxesJob::startParse(Body body)
{
    m_parsing = true;
    const std::optional<QString> cursor = body.peekedCursor;
    // The watcher is a child of the job: if the job is cancelled meanwhile, the result is dropped.
    // The body goes to the parse, which frees it as soon as it has read it: this job keeps none.
    auto *watcher = new QFutureWatcher<SandboxPage>(this);
    auto future = QtConcurrent::run([bytes = std::exchange(body.bytes, QByteArray())]() mutable {
        return parseSandboxPage(std::move(bytes));
    });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, cursor] {
        watcher->deleteLater();
        onParsed(cursor, watcher->future().takeResult());
    });
    watcher->setFuture(future);
    if (cursor && wantsMore(*cursor)) {
        askForPage(*cursor);
        return false;
    }
    return true;
}

void ListSandboxesJob::onParsed(const std::optional<QString> &peekedCursor, SandboxPage page)
{
    m_parsing = false;
    if (isFinished())
        return;
    if (page.error.isError())
        return fail(page.error);
    if (peekedCursor && *peekedCursor != page.nextCursor) {
        return fail(ApiError(ApiError::Kind::Orkestr, u"invalid_response"_s,
                             tr("The server's sandbox list gives two different next_cursor values.")));
    }
    ++m_pages;
    m_count += page.sandboxes.size();
    m_nextCursor = page.nextCursor;
    if (m_params.keepSandboxes)
        m_sandboxes.append(page.sandboxes);
    Q_EMIT pageReceived(page.sandboxes);
    page = {};
    if (isFinished())
        return; // a reader of the page stopped the job
    if (m_waiting) {
        Body next = *std::exchange(m_waiting, std::nullopt);
        if (!startParse(std::move(next)))
            resume();
        return;
    }
    if (m_deferred) {
        // The request side waited for this page: it was the last, or its cursor needed the parse.
        if (!peekedCursor && wantsMore(m_nextCursor))
            askForPage(m_nextCursor);
        resume();
    }
}

void ListSandboxesJob::askForPage(const QString &cursor)
{
    // The ETag belongs to the first page only.
    removeRawHeader("If-None-Match");
    requestFollowUp(queryFor(cursor));
}

void ListSandboxesJob::defer()
{
    m_deferred = true;
    deferCompletion();
}

void ListSandboxesJob::resume(const ApiError &error)
{
    m_deferred = false;
    completeDeferred(error);
}

void ListSandboxesJob::fail(const ApiError &error)
{
    // A request may be in flight meanwhile (the next page): failing ends it too.
    if (m_deferred)
        resume(error);
    else
        failWith(error);
}

} // namespace Orkestr
