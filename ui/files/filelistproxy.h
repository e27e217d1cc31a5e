#pragma once

#include <QPersistentModelIndex>
#include <QSortFilterProxyModel>

namespace OrkestrUi {

// The tree shows directories only.
class DirectoryProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override;
};

// The list shows the current directory's children: directories first, then by the sort
// column; the name filter applies to the current directory only, so that its ancestors
// (which hold it) are never filtered away.
class FileListProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setDirectory(const QModelIndex &sourceIndex);
    // A wildcard pattern ("*.py") or a part of the name, case-insensitive.
    void setPattern(const QString &pattern);

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QPersistentModelIndex m_directory;
    QString m_pattern;
};

} // namespace OrkestrUi
