import ChuangyeCLI

await Chuangye.runMain()
