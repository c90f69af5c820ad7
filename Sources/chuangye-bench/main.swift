import ChuangyeBenchKit

await ChuangyeBench.runMain()
