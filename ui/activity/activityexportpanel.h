#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace Orkestr {
class Client;
}
namespace OrkestrSession {
class ActivityExport;
}

namespace OrkestrUi {

// A running export of a sandbox's activity (the session's ActivityExport): its progress, and
// Cancel. Hidden while no export runs; the outcome goes out as a message.
class ActivityExportPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityExportPanel(Orkestr::Client *client, QWidget *parent = nullptr);
    ~ActivityExportPanel() override;

    // Asks where (and in which format, from the file's type), then starts; nothing while one runs.
    void exportInteractively(const QString &sandboxId);
    // Starts exporting to a file; html false is NDJSON.
    void start(const QString &sandboxId, const QString &fileName, bool html);
    void cancel();
    bool isRunning() const { return m_export != nullptr; }
    OrkestrSession::ActivityExport *currentExport() const { return m_export; }

Q_SIGNALS:
    void message(const QString &text);
    void runningChanged(bool running);

private:
    Orkestr::Client *m_client;
    OrkestrSession::ActivityExport *m_export = nullptr;
    QString m_fileName;
    QLabel *m_label;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
};

} // namespace OrkestrUi
