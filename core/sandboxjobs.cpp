#include "core/sandboxjobs.h"

#include "core/jsonresponse.h"
#include "core/stringtable.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QMutex>
#include <QUrl>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>

namespace Orkestr {

using namespace Qt::StringLiterals;

QString sandboxPath(const QString &sandboxId, const QString &suffix)
{
    return u"/v1/sandboxes/"_s + QString::fromLatin1(QUrl::toPercentEncoding(sandboxId)) + suffix;
}

QJsonObject execBody(const QString &command, const ExecOptions &options)
{
    QJsonObject body {{u"command"_s, command}};
    if (options.timeoutSeconds)
        body.insert(u"timeout_seconds"_s, *options.timeoutSeconds);
    if (!options.cwd.isEmpty())
        body.insert(u"cwd"_s, options.cwd);
    if (!options.env.isEmpty()) {
        QJsonObject env;
        for (auto it = options.env.cbegin(); it != options.env.cend(); ++it)
            env.insert(it.key(), it.value());
        body.insert(u"env"_s, env);
    }
    return body;
}

SandboxJob::SandboxJob(QByteArray method, QString path, QObject *parent)
    : ObjectJob(std::move(method), std::move(path), parent)
{
}

CreateSandboxJob::CreateSandboxJob(const CreateSandboxParams &params, QObject *parent)
    : SandboxJob("POST", u"/v1/sandboxes"_s, parent)
    , m_idempotencyKey(QUuid::createUuid().toByteArray(QUuid::WithoutBraces))
    , m_validation(params.validate())
{
    setJsonBody(params.toJson());
    setRawHeader("Idempotency-Key", m_idempotencyKey);
    setIdempotent(true);
}

namespace {
// Indexed by SandboxRequest.
constexpr struct
{
    const char *method;
    QStringView suffix;
} RequestLines[] = {{"GET", u""}, {"DELETE", u""}, {"POST", u"/pause"}, {"POST", u"/resume"}};
static_assert(std::size(RequestLines) == size_t(SandboxRequest::Resume) + 1);
} // namespace

template<SandboxRequest Request>
SandboxRequestJob<Request>::SandboxRequestJob(const QString &sandboxId, QObject *parent)
    : SandboxJob(RequestLines[int(Request)].method,
                 sandboxPath(sandboxId, RequestLines[int(Request)].suffix.toString()), parent)
{
}

template class SandboxRequestJob<SandboxRequest::Get>;
template class SandboxRequestJob<SandboxRequest::Terminate>;
template class SandboxRequestJob<SandboxRequest::Pause>;
template class SandboxRequestJob<SandboxRequest::Resume>;

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

void ListSandboxesJob::resetForRetry()
{
    // Only the page being fetched is repeated; earlier pages stay.
    m_sandboxes.resize(m_pageStart);
}

namespace {
struct ParsedPage
{
    ApiError error;
    QList<Sandbox> sandboxes;
    QString nextCursor;
};

// The strings every listing's sandboxes share (template, status, region, ...): one table for the
// process, as parsing runs on pool threads, and a long list's pages wait for its last one.
struct SharedStrings
{
    QMutex mutex;
    StringTable table;
};
Q_GLOBAL_STATIC(SharedStrings, sharedStrings)

ParsedPage parseSandboxPage(const QByteArray &body)
{
    ParsedPage page;
    QJsonObject object;
    if (page.error = parseJsonObject(body, &object); page.error.isError())
        return page;
    if (!object.value(u"sandboxes"_s).isArray()) {
        page.error = ApiError(ApiError::Kind::Orkestr, u"invalid_response"_s,
                              ListSandboxesJob::tr("The server's sandbox list has no \"sandboxes\" array."));
        return page;
    }
    const auto items = object.value(u"sandboxes"_s).toArray();
    page.sandboxes.reserve(items.size());
    for (const auto &item : items)
        page.sandboxes.append(Sandbox::fromJson(item.toObject()));
    auto *strings = sharedStrings();
    const QMutexLocker lock(&strings->mutex);
    for (auto &sandbox : page.sandboxes)
        sandbox.shareStrings(strings->table);
    page.nextCursor = object.value(u"next_cursor"_s).toString();
    return page;
}
} // namespace

ApiError ListSandboxesJob::onResponseFinished(const QByteArray &collected)
{
    if (httpStatus() == 304) {
        m_notModified = true;
        m_etag = m_params.ifNoneMatch;
        m_version = responseHeader("X-Orkestr-Version").toLongLong();
        return {};
    }
    if (m_pages == 0) {
        m_etag = responseHeader("ETag");
        m_version = responseHeader("X-Orkestr-Version").toLongLong();
    }
    deferCompletion();
    // The watcher is a child of the job: if the job is cancelled meanwhile, the result is dropped.
    auto *watcher = new QFutureWatcher<ParsedPage>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        ParsedPage page = watcher->result();
        if (page.error.isError()) {
            completeDeferred(page.error);
            return;
        }
        ++m_pages;
        m_sandboxes.append(page.sandboxes);
        m_pageStart = m_sandboxes.size();
        m_nextCursor = page.nextCursor;
        if (m_params.allPages && !m_nextCursor.isEmpty()) {
            // The ETag belongs to the first page only.
            removeRawHeader("If-None-Match");
            requestFollowUp(queryFor(m_nextCursor));
        }
        Q_EMIT pageReceived(page.sandboxes);
        completeDeferred({});
    });
    watcher->setFuture(QtConcurrent::run(parseSandboxPage, collected));
    return {};
}

ExecJob::ExecJob(const QString &sandboxId, const QString &command, const ExecOptions &options,
                 QObject *parent)
    : ObjectJob("POST", sandboxPath(sandboxId, u"/exec"_s), parent)
{
    setJsonBody(execBody(command, options));
    setIdempotent(false);
    // A buffered command is silent until it ends: allow its whole timeout (the contract gives no
    // default, so assume the sandbox default of 600 s) plus a margin before calling it lost.
    const qint64 seconds = options.timeoutSeconds.value_or(600);
    setTransferTimeoutMs(int(std::min<qint64>(seconds * 1000 + 30000, INT_MAX)));
}

} // namespace Orkestr
