; Included by electron-builder's NSIS script (nsis.include in electron-builder.yml).
; Always install for the current user: the choice "为所有用户安装" would need administrator
; rights, which office PCs rarely grant; the install-mode page is skipped.
!macro customInstallMode
  StrCpy $isForceCurrentInstall "1"
!macroend
