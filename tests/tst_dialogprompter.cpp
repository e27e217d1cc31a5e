// DialogPrompter: the session's questions as dialogs that do not block the event loop; each call
// answers exactly once (yes, no, or no when the window goes away unanswered).

#include "ui/dialogprompter.h"

#include <QAbstractButton>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;
using OrkestrSession::Question;
using OrkestrUi::DialogPrompter;

namespace {
// The dialog of that name now on screen (an answered one may still wait for its deletion).
template<class Dialog> Dialog *shown(QWidget *window, const QString &name)
{
    for (auto *dialog : window->findChildren<Dialog *>(name)) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
}
} // namespace

class TestDialogPrompter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void confirmReturnsAtOnceAndAnswersOnce()
    {
        QWidget window;
        window.show();
        DialogPrompter prompter(&window);
        QList<bool> answers;
        prompter.confirm({u"Terminate sandboxes"_s, u"Terminate sbx_1?"_s, u"Terminate"_s, true},
                         [&](bool accepted) { answers.append(accepted); });
        // Asked, not answered: the call returned with the dialog open.
        QVERIFY(answers.isEmpty());
        auto *box = shown<QMessageBox>(&window, u"confirmation"_s);
        QVERIFY(box);
        QCOMPARE(box->text(), u"Terminate sbx_1?"_s);
        // A destructive question does not default to yes.
        QCOMPARE(box->buttonRole(box->defaultButton()), QMessageBox::RejectRole);
        QAbstractButton *terminate = nullptr;
        for (auto *button : box->buttons()) {
            if (button->text() == u"Terminate"_s)
                terminate = button;
        }
        QVERIFY(terminate);
        terminate->click();
        QTRY_COMPARE(answers, QList<bool> {true});

        prompter.confirm({u"Pause"_s, u"Pause?"_s, {}, false},
                         [&](bool accepted) { answers.append(accepted); });
        box = shown<QMessageBox>(&window, u"confirmation"_s);
        QVERIFY(box);
        box->reject();
        QTRY_COMPARE(answers, (QList<bool> {true, false}));
    }

    void aWindowGoneAnswersNo()
    {
        auto *window = new QWidget;
        window->show();
        DialogPrompter prompter(window);
        QList<bool> answers;
        prompter.confirm({u"T"_s, u"Terminate?"_s, u"Terminate"_s, true},
                         [&](bool accepted) { answers.append(accepted); });
        QVERIFY(answers.isEmpty());
        delete window;
        QCOMPARE(answers, QList<bool> {false});
        // With no window, the answer is no at once.
        prompter.confirm({u"T"_s, u"Terminate?"_s, u"Terminate"_s, true},
                         [&](bool accepted) { answers.append(accepted); });
        QCOMPARE(answers, (QList<bool> {false, false}));
    }

    void askTextGivesTheTextOrNothing()
    {
        QWidget window;
        window.show();
        DialogPrompter prompter(&window);
        QList<std::optional<QString>> answers;
        prompter.askText({u"New folder"_s, u"Name:"_s, u"Create"_s, false}, u"src"_s,
                         [&](std::optional<QString> text) { answers.append(text); });
        QVERIFY(answers.isEmpty());
        auto *dialog = shown<QInputDialog>(&window, u"textQuestion"_s);
        QVERIFY(dialog);
        QCOMPARE(dialog->textValue(), u"src"_s);
        dialog->setTextValue(u"src/new"_s);
        dialog->accept();
        QTRY_COMPARE(answers.size(), 1);
        QCOMPARE(answers.first(), std::optional<QString>(u"src/new"_s));

        prompter.askText({u"New folder"_s, u"Name:"_s, u"Create"_s, false}, {},
                         [&](std::optional<QString> text) { answers.append(text); });
        dialog = shown<QInputDialog>(&window, u"textQuestion"_s);
        QVERIFY(dialog);
        dialog->reject();
        QTRY_COMPARE(answers.size(), 2);
        QVERIFY(!answers.last().has_value());
    }
};

QTEST_MAIN(TestDialogPrompter)
#include "tst_dialogprompter.moc"
