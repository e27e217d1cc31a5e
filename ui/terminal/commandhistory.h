#pragma once

#include <QObject>
#include <QStringList>

namespace OrkestrUi {

// The commands typed in one sandbox's terminals, oldest first, kept in a JSON file so that they
// survive a restart. Multi-line commands stay one entry.
class CommandHistory : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultMaxEntries = 1000;

    explicit CommandHistory(const QString &filePath, QObject *parent = nullptr);

    // AppDataLocation/terminal-history/<sandbox id>.json
    static QString defaultFilePath(const QString &sandboxId);

    QString filePath() const { return m_filePath; }
    QStringList entries() const { return m_entries; }
    int count() const { return int(m_entries.size()); }
    QString at(int index) const { return m_entries.value(index); }
    void setMaxEntries(int max);

    // Appends (skipping blanks and a repeat of the last entry) and saves at once.
    void add(const QString &command);
    // The newest entry before `before` (count() for all) containing `query`, or -1.
    int searchBackward(const QString &query, int before) const;

    bool load();
    bool save() const;

Q_SIGNALS:
    void changed();

private:
    QString m_filePath;
    QStringList m_entries;
    int m_maxEntries = DefaultMaxEntries;
};

} // namespace OrkestrUi
