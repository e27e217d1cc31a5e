#pragma once

#include "core/apierror.h"
#include "core/sandbox.h"

#include <QAbstractItemModel>
#include <QPointer>

#include <functional>
#include <memory>
#include <vector>

namespace Orkestr {
class Client;
class ListFilesJob;
} // namespace Orkestr

namespace OrkestrUi {

// The files of one sandbox as a lazy tree: a directory is listed (ListFilesJob) the first time
// a view asks for its children (fetchMore) or when refresh() is called. The invisible root is
// "/", which the API cannot list; its children are the writable roots (/workspace, /tmp) and
// whatever other directory was opened by path (e.g. /etc, which then shows its error).
class RemoteFsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, SizeColumn, ModeColumn, ModifiedColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1,
        IsDirRole,
        SizeRole,
        SortRole, // a value that sorts correctly per column
        LoadingRole,
    };

    RemoteFsModel(Orkestr::Client *client, const QString &sandboxId, QObject *parent = nullptr);
    ~RemoteFsModel() override;

    QString sandboxId() const { return m_sandboxId; }

    // The index of a directory path, creating (unlisted) nodes along the way.
    QModelIndex ensureDirectory(const QString &path);
    // The index of a path already known to the model; invalid otherwise.
    QModelIndex indexForPath(const QString &path) const;
    QString pathForIndex(const QModelIndex &index) const;
    // The entry of a known path; an empty one for an invalid index.
    Orkestr::FileEntry entry(const QModelIndex &index) const;
    bool isListed(const QModelIndex &index) const;
    bool isLoading(const QModelIndex &index) const;
    // The error of the directory's last listing; none when it succeeded.
    Orkestr::ApiError listError(const QModelIndex &index) const;
    // Lists the directory again, keeping the nodes (and their subtrees) of names that remain.
    void refresh(const QModelIndex &index);
    void refreshPath(const QString &path);

    // "rw-r--r--" for 0644; a leading "d" is not added.
    static QString modeText(int mode);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;

    // Files can be dragged out when set: makes the drag's data for the dragged paths (the file
    // browser downloads them, see RemoteDragMimeData).
    void setDragDataFactory(std::function<QMimeData *(const QStringList &paths)> factory)
    {
        m_dragData = std::move(factory);
    }

Q_SIGNALS:
    // A listing finished; error is none on success.
    void directoryLoaded(const QString &path, const Orkestr::ApiError &error);

private:
    struct Node
    {
        Orkestr::FileEntry entry;
        QString path;
        Node *parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
        bool listed = false;
        QPointer<Orkestr::ListFilesJob> job;
        Orkestr::ApiError error;
        int row() const;
    };
    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(Node *node, int column = 0) const;
    Node *childNamed(Node *node, const QString &name) const;
    Node *addChild(Node *parent, const Orkestr::FileEntry &entry, bool notify);
    void list(Node *node);
    void applyListing(Node *node, const QList<Orkestr::FileEntry> &entries);

    Orkestr::Client *m_client;
    QString m_sandboxId;
    std::unique_ptr<Node> m_root;
    std::function<QMimeData *(const QStringList &)> m_dragData;
};

} // namespace OrkestrUi
