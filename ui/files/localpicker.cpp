#include "ui/files/localpicker.h"

#include <QFileDialog>

namespace OrkestrUi::LocalPicker {

namespace {
void show(QFileDialog *dialog, std::function<void(const QStringList &)> chosen)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &QFileDialog::filesSelected, dialog,
                     [chosen = std::move(chosen)](const QStringList &paths) {
                         if (!paths.isEmpty())
                             chosen(paths);
                     });
    dialog->open();
}
} // namespace

void openFiles(QWidget *parent, const QString &title, std::function<void(const QStringList &paths)> chosen)
{
    auto *dialog = new QFileDialog(parent, title);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    show(dialog, std::move(chosen));
}

void folder(QWidget *parent, const QString &title, std::function<void(const QString &path)> chosen)
{
    auto *dialog = new QFileDialog(parent, title);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    show(dialog, [chosen = std::move(chosen)](const QStringList &paths) { chosen(paths.first()); });
}

void saveFile(QWidget *parent, const QString &title, const QString &name,
              std::function<void(const QString &path)> chosen)
{
    auto *dialog = new QFileDialog(parent, title);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setOption(QFileDialog::DontConfirmOverwrite);
    dialog->selectFile(name);
    show(dialog, [chosen = std::move(chosen)](const QStringList &paths) { chosen(paths.first()); });
}

} // namespace OrkestrUi::LocalPicker
