#pragma once

#include <QObject>

#include <functional>

class QTabWidget;

namespace OrkestrSession {
class Prompter;
class RemoteFiles;
} // namespace OrkestrSession

namespace OrkestrUi {

class EditorTab;

// The editor tabs of a file browser, after its own first tab: one tab per file, opened after a
// question above the size limit, read-only where RemoteFiles cannot write, and closed after a
// question when there are unsaved changes.
class OpenEditors : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 DefaultOpenLimit = 5 * 1024 * 1024;

    OpenEditors(QTabWidget *tabs, OrkestrSession::RemoteFiles *files, OrkestrSession::Prompter *prompter,
                QObject *parent = nullptr);

    // Shows the file's tab, or reads the file into a new one; `size` (-1 when unknown) above the
    // limit asks first. opened() follows, or failed() with the reason.
    void open(const QString &path, qint64 size);
    void setOpenLimit(qint64 bytes) { m_openLimit = bytes; }
    EditorTab *editorFor(const QString &path) const;
    QList<EditorTab *> editors() const;
    // Makes each editor read-only where its file cannot be written.
    void updateReadOnly();
    bool hasUnsavedChanges() const;
    // Closes an editor; unsaved changes ask first. True when it is closed by the time this
    // returns; `done` runs with the outcome once the question is answered.
    bool close(EditorTab *editor, std::function<void(bool closed)> done = {});
    // All of them, one question at a time; true when all are closed by the time this returns,
    // and `done` says whether all were closed in the end.
    bool closeAll(std::function<void(bool closed)> done = {});

Q_SIGNALS:
    void opened(OrkestrUi::EditorTab *editor);
    void failed(const QString &message);

private:
    void read(const QString &path);
    void add(const QString &path, const QByteArray &bytes);

    QTabWidget *m_tabs;
    OrkestrSession::RemoteFiles *m_files;
    OrkestrSession::Prompter *m_prompter;
    qint64 m_openLimit = DefaultOpenLimit;
};

} // namespace OrkestrUi
