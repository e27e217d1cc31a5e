#pragma once

#include <QStringList>

#include <functional>

class QWidget;

// Choosing local files and folders for uploads and downloads: window-modal file dialogs opened with
// open(), so no nested event loop runs while the user picks. `chosen` runs only when the user
// picked something (never on cancel).
namespace OrkestrUi::LocalPicker {

void openFiles(QWidget *parent, const QString &title, std::function<void(const QStringList &paths)> chosen);
void folder(QWidget *parent, const QString &title, std::function<void(const QString &path)> chosen);
// A file to save to; replacing an existing one is asked about by RemoteFiles, not here.
void saveFile(QWidget *parent, const QString &title, const QString &name,
              std::function<void(const QString &path)> chosen);

} // namespace OrkestrUi::LocalPicker
