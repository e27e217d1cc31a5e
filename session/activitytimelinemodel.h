#pragma once

#include "core/activity.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QSet>

#include <memory>
#include <optional>

namespace OrkestrSession {

class ActivityStore;

// The timeline of one sandbox's activity, oldest first, over its ActivityStore. New events are
// appended at the end and older pages inserted at the start, each in O(rows added), never with a
// reset; data() is constant-time (each row's summary and actor are made once, when it arrives;
// the roles a view paints read the store's compact entries without making the event again). Filtering (kind
// families, failures only, search in commands and paths) happens here, not in a proxy, so that a prepended
// page costs what it adds rather than a remapping of every row.
//
// Following: while the view shows the newest rows it sets following; when the user scrolls away
// it clears it, and the model counts the shown rows added since (newRowCount()), so the view can
// offer "N new events" instead of jumping away from what the user reads. Older pages are fetched
// by the view when it is scrolled to the top (fetchOlder()); canFetchMore()/fetchMore() are not
// used because views call them at the bottom, where the live end of this timeline is.
class ActivityTimelineModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        TimeRole = Qt::UserRole + 1, // QDateTime (UTC)
        KindRole, // "exec.finished"
        FamilyRole, // "exec" (ActivityText::familyName)
        IconNameRole, // a freedesktop icon name
        ActorRole, // "agent-runner", "ork_3fA9", "system: timeout"
        SummaryRole, // the one-line summary (also Qt::DisplayRole)
        FailureRole, // bool
        ExecIdRole, // exec.*, network.denied; empty otherwise
        PathRole, // file.*, request.failed
        RequestIdRole, // request.failed
        CommandRole, // exec.*, process.signalled
        SeqRole, // qint64
    };
    Q_ENUM(Role)

    enum Family {
        SandboxFamily = 0x01,
        ExecFamily = 0x02,
        FileFamily = 0x04,
        NetworkFamily = 0x08,
        ProcessFamily = 0x10,
        RequestFamily = 0x20,
        OtherFamily = 0x40, // kinds a newer server added
        AllFamilies = 0x7f,
    };
    Q_DECLARE_FLAGS(Families, Family)
    Q_FLAG(Families)

    // Holds the store (it stays alive as long as the model).
    explicit ActivityTimelineModel(std::shared_ptr<ActivityStore> store, QObject *parent = nullptr);
    ~ActivityTimelineModel() override;

    ActivityStore *store() const { return m_store.get(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    Orkestr::ActivityEvent eventAt(int row) const;
    // The row of an event, or -1 when it is not shown (filtered out or not loaded).
    int rowOfSeq(qint64 seq) const;

    // Filters; a change inserts and removes the rows that differ (no reset).
    void setFamilies(Families families);
    Families families() const { return m_families; }
    void setFailuresOnly(bool failuresOnly);
    bool failuresOnly() const { return m_failuresOnly; }
    // Case-insensitive, in the summaries (commands, paths, hosts, request ids) and exec ids; empty
    // shows everything.
    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }

    bool canFetchOlder() const;
    void fetchOlder();

    bool isFollowing() const { return m_following; }
    // Following resets the count of new rows.
    void setFollowing(bool following);
    // The rows shown (under the current filter) of the events that arrived since following
    // stopped.
    int newRowCount() const { return m_newRows; }
    // The first of them, for the marker; -1 when none.
    int firstNewRow() const { return m_newRows > 0 ? rowCount() - m_newRows : -1; }

Q_SIGNALS:
    void newRowCountChanged(int count);

private:
    struct Row
    {
        QString summary;
        QString actor; // shared with every row of the same actor
        quint8 family = 0; // a Family bit
        bool failure = false;
    };

    Row makeRow(int storeIndex);
    bool accepts(int storeIndex) const;
    void onPrepended(int count);
    void onAppended(int first, int count);
    void onCleared();
    // The session's own token became known (or another): every row's actor again.
    void refreshActors();
    // Makes the rows of an exec again (its command became known), from store index `fromIndex`.
    void refreshExecRows(const QString &execId, int fromIndex);
    void applyFilter();
    void noteExec(int storeIndex);
    // Rows are kept by key = store index - m_base, which stays the same when pages are prepended.
    int storeIndex(qint64 key) const { return int(key + m_base); }
    int visibleRowOfKey(qint64 key) const;
    void countNewRows();

    std::shared_ptr<ActivityStore> m_store;
    QList<Row> m_rows; // one per store event, in the store's order
    QList<qint64> m_visible; // keys of the shown rows, ascending
    qint64 m_base = 0;
    QHash<QString, QList<qint64>> m_execKeys; // exec_id -> keys of its events
    Families m_families = AllFamilies;
    bool m_failuresOnly = false;
    QString m_search;
    QString m_searchTrimmed;
    QSet<QString> m_actorNames; // one copy of each actor's name
    bool m_following = true;
    std::optional<qint64> m_newSinceKey; // the first event that arrived while not following
    int m_newRows = 0;
};

} // namespace OrkestrSession

Q_DECLARE_OPERATORS_FOR_FLAGS(OrkestrSession::ActivityTimelineModel::Families)
