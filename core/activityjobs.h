#pragma once

// The Extensions' activity queries: a sandbox's journal and its exec records. A 404 from a
// server without the extension is ApiError::isUnsupportedEndpoint() (see docs/api.md).

#include "core/activity.h"
#include "core/jsonjobs.h"

#include <optional>

namespace Orkestr {

struct ListEventsParams
{
    // At most one of the two (both is a client-side invalid_request); neither: the newest first.
    std::optional<qint64> afterSeq; // exclusive; oldest first
    std::optional<qint64> beforeSeq; // exclusive; newest first
    QStringList kinds; // kinds or families ("exec.*"); empty for all
    int limit = 0; // 0 for the server's default (200); at most MaxLimit

    static constexpr int MaxLimit = 1000;
    // What the client can know before sending: an invalid_request error naming the field.
    ApiError validate() const;
    QUrlQuery toQuery() const;
};

// GET /v1/sandboxes/{id}/events: one page of the journal.
class ListEventsJob : public ObjectJob<EventPage>
{
    Q_OBJECT
public:
    ListEventsJob(const QString &sandboxId, const ListEventsParams &params = {}, QObject *parent = nullptr);

    EventPage page() const { return value(); }
    QList<ActivityEvent> events() const { return value().events; }
    bool hasMore() const { return value().hasMore; }
    qint64 latestSeq() const { return value().latestSeq; }

protected:
    ApiError preflightError() const override { return m_validation; }
    ApiError checkObject(const QJsonObject &object) const override;

private:
    ApiError m_validation;
};

struct ListExecsParams
{
    QStringList statuses; // running, exited, timeout, killed, lost; empty for all
    int limit = 0; // 0 for the server's default (100)
    QString before; // an exec_id: the page after it, newest first

    QUrlQuery toQuery() const;
};

// GET /v1/sandboxes/{id}/execs: one page of exec records, newest first.
class ListExecsJob : public ObjectJob<ExecPage>
{
    Q_OBJECT
public:
    ListExecsJob(const QString &sandboxId, const ListExecsParams &params = {}, QObject *parent = nullptr);

    QList<ExecRecord> execs() const { return value().execs; }
    bool hasMore() const { return value().hasMore; }

protected:
    ApiError checkObject(const QJsonObject &object) const override;
};

// GET /v1/sandboxes/{id}/execs/{exec_id}: one record; an unknown id fails with exec_not_found.
class GetExecJob : public ObjectJob<ExecRecord>
{
    Q_OBJECT
public:
    GetExecJob(const QString &sandboxId, const QString &execId, QObject *parent = nullptr);

    ExecRecord record() const { return value(); }
};

// The path of an exec's resources under its sandbox, with both ids percent-encoded.
QString execPath(const QString &sandboxId, const QString &execId, const QString &suffix = {});

} // namespace Orkestr
