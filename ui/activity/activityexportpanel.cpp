#include "ui/activity/activityexportpanel.h"

#include "session/activityexport.h"
#include "ui/activity/controlnames.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using OrkestrSession::ActivityExport;

ActivityExportPanel::ActivityExportPanel(Orkestr::Client *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_label(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(u"activityExportPanel"_s);
    nameControl(m_progress, u"activityExportProgress"_s, tr("Export progress"));
    m_progress->setTextVisible(true);
    nameControl(m_cancel, u"activityExportCancel"_s, tr("Cancel the export"),
                tr("Stop exporting; no file is left"));
    connect(m_cancel, &QPushButton::clicked, this, &ActivityExportPanel::cancel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_progress, 1);
    layout->addWidget(m_cancel);
    hide();
}

ActivityExportPanel::~ActivityExportPanel()
{
    if (m_export)
        m_export->disconnect(this);
}

void ActivityExportPanel::exportInteractively(const QString &sandboxId)
{
    if (m_export || sandboxId.isEmpty())
        return;
    const QString html = tr("HTML report (*.html)");
    const QString ndjson = tr("NDJSON events (*.ndjson)");
    QString filter = html;
    const QString suggested = sandboxId + u"-activity.html"_s;
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Export activity"), suggested,
                                                          html + u";;"_s + ndjson, &filter);
    if (fileName.isEmpty())
        return;
    start(sandboxId, fileName, filter == html && !fileName.endsWith(u".ndjson"_s));
}

void ActivityExportPanel::start(const QString &sandboxId, const QString &fileName, bool html)
{
    if (m_export)
        return;
    m_fileName = fileName;
    m_export = new ActivityExport(m_client, sandboxId, this);
    m_label->setText(tr("Exporting to %1…").arg(QFileInfo(fileName).fileName()));
    m_progress->setRange(0, 0);
    connect(m_export, &ActivityExport::progress, this, [this](qint64 done, qint64 total) {
        // Percent: the range of a progress bar is an int.
        m_progress->setRange(0, 100);
        m_progress->setValue(total > 0 ? int(done * 100 / total) : 0);
    });
    connect(m_export, &ActivityExport::finished, this, [this](ActivityExport::State state) {
        const QString name = QFileInfo(m_fileName).fileName();
        switch (state) {
        case ActivityExport::State::Finished:
            Q_EMIT message(tr("Exported the activity to %1").arg(name));
            break;
        case ActivityExport::State::Cancelled:
            Q_EMIT message(tr("Export cancelled"));
            break;
        default:
            Q_EMIT message(tr("The export failed: %1").arg(m_export->errorText()));
            break;
        }
        m_export->deleteLater();
        m_export = nullptr;
        hide();
        Q_EMIT runningChanged(false);
    });
    show();
    Q_EMIT runningChanged(true);
    m_export->start(fileName, html ? ActivityExport::Format::Html : ActivityExport::Format::Ndjson);
}

void ActivityExportPanel::cancel()
{
    if (m_export)
        m_export->cancel();
}

} // namespace OrkestrUi
