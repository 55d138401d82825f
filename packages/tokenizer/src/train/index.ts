export { trainBpe, type TrainBpeOptions, type TrainBpeProgress, type TrainedBpe } from "./train-bpe.js";
export { trainedBpeToTokenizerJson } from "./tokenizer-json.js";
