#include "ui/terminal/commandhistory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace OrkestrUi {

CommandHistory::CommandHistory(const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_filePath(filePath)
{
    load();
}

QString CommandHistory::defaultFilePath(const QString &sandboxId)
{
    // The id comes from the server: keep only safe characters so that it cannot leave the folder.
    QString name;
    for (const QChar c : sandboxId)
        name += (c.isLetterOrNumber() || c == u'-' || c == u'_') ? c : u'_';
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/terminal-history/"_s + name
        + u".json"_s;
}

void CommandHistory::setMaxEntries(int max)
{
    m_maxEntries = qMax(1, max);
    if (m_entries.size() > m_maxEntries)
        m_entries.remove(0, m_entries.size() - m_maxEntries);
}

void CommandHistory::add(const QString &command)
{
    if (command.trimmed().isEmpty() || (!m_entries.isEmpty() && m_entries.constLast() == command))
        return;
    m_entries.append(command);
    if (m_entries.size() > m_maxEntries)
        m_entries.removeFirst();
    save();
    Q_EMIT changed();
}

int CommandHistory::searchBackward(const QString &query, int before) const
{
    for (int i = qMin(before, count()) - 1; i >= 0; --i) {
        if (m_entries.at(i).contains(query, Qt::CaseInsensitive))
            return i;
    }
    return -1;
}

bool CommandHistory::load()
{
    m_entries.clear();
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QJsonArray array = QJsonDocument::fromJson(file.readAll()).array();
    for (const QJsonValue &value : array) {
        if (value.isString())
            m_entries.append(value.toString());
    }
    if (m_entries.size() > m_maxEntries)
        m_entries.remove(0, m_entries.size() - m_maxEntries);
    return true;
}

bool CommandHistory::save() const
{
    if (m_filePath.isEmpty())
        return false;
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(QJsonArray::fromStringList(m_entries)).toJson(QJsonDocument::Compact));
    return file.commit();
}

} // namespace OrkestrUi
