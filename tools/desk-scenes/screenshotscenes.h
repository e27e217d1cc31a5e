#pragma once

#include <QString>
#include <QStringList>

namespace OrkestrUi {
class MainWindow;
}

namespace OrkestrDesk {

// The scenes of orkestr-desk-scenes --screenshot-scene, for the README's pictures
// (scripts/screenshots.sh):
//   dashboard  the grouped list with a running sandbox selected and its details
//   terminal   a few commands in the selected sandbox's Terminal tab (colours, progress, stderr, exit codes)
//   files      the Files tab: the listing of /workspace, with a file open in an editor tab
//   editor     the same with the editor in front
//   metrics    the Metrics tab: an hour's charts of a busy sandbox with a pause, a value read by hovering
//   processes  the Processes tab: the tree of the sandbox's processes, the busiest selected
//   quota      a pause the server refuses (snapshot_cap_reached) and the "Snapshot quota full" dialog
// Each drives the real window against the real server once it is connected, waits for the
// content, saves a picture to `file` and quits the application (exit code 0 when saved, 1 when
// not, 2 when the scene could not be set up, e.g. no running sandbox).
QStringList screenshotScenes();
// False (and nothing started) for an unknown scene.
bool startScreenshotScene(OrkestrUi::MainWindow *window, const QString &scene, const QString &file);

} // namespace OrkestrDesk
