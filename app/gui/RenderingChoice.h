#pragma once
// Which Qt Quick backend draws the window. Where there is no GPU render node
// (/dev/dri/renderD*), OpenGL would be Mesa's software rasterizer (virtual
// machines, Xvfb, classroom PCs without a GPU driver); Qt Quick's own
// software renderer draws our flat
// 2D scene as well and keeps far less memory (with the `large` account,
// llvmpipe held ~100 MB of driver memory on its own). A real GPU keeps OpenGL.
// QT_QUICK_BACKEND / QSG_RHI_BACKEND set by the user always win.

#include <QString>

/// Decides before the first window exists: "opengl", "software", or "" when the user chose.
QString chooseRenderingBackend();
