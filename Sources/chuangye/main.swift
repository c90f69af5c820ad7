import ChuangyeCLI

Chuangye.runMain()
