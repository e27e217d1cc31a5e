#include "ui/files/openeditors.h"

#include "core/filejobs.h"
#include "session/prompter.h"
#include "session/remotefiles.h"
#include "ui/files/editortab.h"
#include "ui/files/inturn.h"

#include <QLocale>
#include <QPointer>
#include <QTabWidget>

#include <memory>

namespace OrkestrUi {

OpenEditors::OpenEditors(QTabWidget *tabs, OrkestrSession::RemoteFiles *files,
                         OrkestrSession::Prompter *prompter, QObject *parent)
    : QObject(parent)
    , m_tabs(tabs)
    , m_files(files)
    , m_prompter(prompter)
{
}

QList<EditorTab *> OpenEditors::editors() const
{
    QList<EditorTab *> editors;
    for (int i = 1; i < m_tabs->count(); ++i) {
        if (auto *editor = qobject_cast<EditorTab *>(m_tabs->widget(i)))
            editors.append(editor);
    }
    return editors;
}

EditorTab *OpenEditors::editorFor(const QString &path) const
{
    const auto all = editors();
    const auto it
        = std::find_if(all.begin(), all.end(), [&](EditorTab *editor) { return editor->path() == path; });
    return it == all.end() ? nullptr : *it;
}

void OpenEditors::open(const QString &path, qint64 size)
{
    if (EditorTab *editor = editorFor(path)) {
        m_tabs->setCurrentWidget(editor);
        Q_EMIT opened(editor);
        return;
    }
    if (size <= m_openLimit) {
        read(path);
        return;
    }
    const OrkestrSession::Question question {
        tr("Open a large file?"),
        tr("%1 is %2. Open it anyway?").arg(path, QLocale().formattedDataSize(size)), tr("Open")};
    m_prompter->confirm(question, [self = QPointer(this), path](bool yes) {
        if (yes && self)
            self->read(path);
    });
}

void OpenEditors::read(const QString &path)
{
    m_files->read(path, this, [this, path](Orkestr::ReadFileBytesJob *job) {
        if (job->error().isError())
            Q_EMIT failed(tr("Cannot open %1: %2").arg(path, job->error().displayText()));
        else if (job->status() == Orkestr::Job::Status::Succeeded)
            add(path, job->bytes());
    });
}

void OpenEditors::add(const QString &path, const QByteArray &bytes)
{
    if (EditorTab *existing = editorFor(path)) {
        m_tabs->setCurrentWidget(existing);
        return;
    }
    auto *editor = new EditorTab(m_files, path, bytes, m_tabs);
    editor->setReadOnly(!m_files->canWrite(path));
    const int index = m_tabs->addTab(editor, editor->title());
    m_tabs->setTabToolTip(index, path);
    m_tabs->setCurrentIndex(index);
    connect(editor, &EditorTab::titleChanged, this,
            [this, editor] { m_tabs->setTabText(m_tabs->indexOf(editor), editor->title()); });
    Q_EMIT opened(editor);
}

void OpenEditors::updateReadOnly()
{
    for (EditorTab *editor : editors())
        editor->setReadOnly(!m_files->canWrite(editor->path()));
}

bool OpenEditors::hasUnsavedChanges() const
{
    const auto all = editors();
    return std::any_of(all.begin(), all.end(), [](EditorTab *editor) { return editor->isModified(); });
}

bool OpenEditors::close(EditorTab *editor, std::function<void(bool closed)> done)
{
    auto closedNow = std::make_shared<bool>(false);
    const auto close = [self = QPointer(this), editor = QPointer(editor), closedNow, done](bool yes) {
        if (yes && self && editor) {
            self->m_tabs->removeTab(self->m_tabs->indexOf(editor));
            editor->deleteLater();
            *closedNow = true;
        }
        if (done)
            done(yes);
    };
    if (!editor->isModified()) {
        close(true);
        return true;
    }
    const OrkestrSession::Question question {
        tr("Discard changes?"), tr("%1 has unsaved changes. Close it and lose them?").arg(editor->path()),
        tr("Discard"), true};
    m_prompter->confirm(question, close);
    return *closedNow;
}

bool OpenEditors::closeAll(std::function<void(bool closed)> done)
{
    QList<AnsweredStep> steps;
    const auto all = editors();
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        steps.append([self = QPointer(this), editor = QPointer(*it)](std::function<void(bool)> closed) {
            if (!self || !editor) {
                closed(true);
                return true;
            }
            return self->close(editor, std::move(closed));
        });
    }
    return runInTurn(std::move(steps), std::move(done));
}

} // namespace OrkestrUi
