#include "ui/files/filelistproxy.h"

#include "ui/files/remotefsmodel.h"

#include <QRegularExpression>

namespace OrkestrUi {

bool DirectoryProxy::filterAcceptsRow(int row, const QModelIndex &parent) const
{
    return sourceModel()->index(row, 0, parent).data(RemoteFsModel::IsDirRole).toBool();
}

void FileListProxy::setDirectory(const QModelIndex &sourceIndex)
{
    m_directory = sourceIndex;
    invalidateFilter();
}

void FileListProxy::setPattern(const QString &pattern)
{
    m_pattern = pattern;
    invalidateFilter();
}

bool FileListProxy::filterAcceptsRow(int row, const QModelIndex &parent) const
{
    if (m_pattern.isEmpty() || parent != QModelIndex(m_directory))
        return true;
    const QString name = sourceModel()->index(row, 0, parent).data().toString();
    if (m_pattern.contains(u'*') || m_pattern.contains(u'?')) {
        return QRegularExpression(QRegularExpression::wildcardToRegularExpression(m_pattern),
                                  QRegularExpression::CaseInsensitiveOption)
            .match(name)
            .hasMatch();
    }
    return name.contains(m_pattern, Qt::CaseInsensitive);
}

bool FileListProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const bool leftDir = left.data(RemoteFsModel::IsDirRole).toBool();
    const bool rightDir = right.data(RemoteFsModel::IsDirRole).toBool();
    if (leftDir != rightDir)
        return sortOrder() == Qt::AscendingOrder ? leftDir : rightDir;
    const QVariant a = left.data(RemoteFsModel::SortRole);
    const QVariant b = right.data(RemoteFsModel::SortRole);
    const auto order = QVariant::compare(a, b);
    if (order == QPartialOrdering::Equivalent || order == QPartialOrdering::Unordered)
        return left.data().toString() < right.data().toString();
    return order == QPartialOrdering::Less;
}

} // namespace OrkestrUi
