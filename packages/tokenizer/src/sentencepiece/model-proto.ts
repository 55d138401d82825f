// SentencePiece's ModelProto (sentencepiece_model.proto), read by hand: the fields a tokenizer needs.
//
//   ModelProto     { repeated SentencePiece pieces = 1; TrainerSpec trainer_spec = 2;
//                    NormalizerSpec normalizer_spec = 3; NormalizerSpec denormalizer_spec = 5; }
//   SentencePiece  { string piece = 1; float score = 2; Type type = 3 [default NORMAL]; }
//   TrainerSpec    { ModelType model_type = 3 [UNIGRAM]; int32 vocab_size = 4; bool split_digits = 25;
//                    bool treat_whitespace_as_suffix = 24; bool allow_whitespace_only_pieces = 26;
//                    bool byte_fallback = 35; int32 unk_id = 40 [0]; bos_id = 41 [1]; eos_id = 42 [2];
//                    pad_id = 43 [-1]; string unk_surface = 44 [" ⁇ "]; unk_piece = 45; bos_piece = 46;
//                    eos_piece = 47; pad_piece = 48; }
//   NormalizerSpec { string name = 1; bytes precompiled_charsmap = 2; bool add_dummy_prefix = 3 [true];
//                    bool remove_extra_whitespaces = 4 [true]; bool escape_whitespaces = 5 [true]; }
// Unknown fields are skipped, as protobuf does.

import { InvalidArgumentError } from "../errors.js";
import { ProtoReader } from "./protobuf.js";

export type PieceType = "normal" | "unknown" | "control" | "user-defined" | "unused" | "byte";
export type SentencePieceModelType = "unigram" | "bpe" | "word" | "char";

const PIECE_TYPES: Readonly<Record<number, PieceType>> = {
  1: "normal",
  2: "unknown",
  3: "control",
  4: "user-defined",
  5: "unused",
  6: "byte",
};
const MODEL_TYPES: Readonly<Record<number, SentencePieceModelType>> = { 1: "unigram", 2: "bpe", 3: "word", 4: "char" };

export interface SentencePiecePiece {
  piece: string;
  score: number;
  type: PieceType;
}

export interface SentencePieceTrainerSpec {
  modelType: SentencePieceModelType;
  vocabSize: number;
  byteFallback: boolean;
  splitDigits: boolean;
  treatWhitespaceAsSuffix: boolean;
  allowWhitespaceOnlyPieces: boolean;
  unkId: number;
  bosId: number;
  eosId: number;
  padId: number;
  unkPiece: string;
  bosPiece: string;
  eosPiece: string;
  padPiece: string;
  /** Text that decode prints for the unknown piece (default " ⁇ "). */
  unkSurface: string;
}

export interface SentencePieceNormalizerSpec {
  /** "identity", "nmt_nfkc", "nfkc", … (informational; the rules are in precompiledCharsmap). */
  name: string;
  precompiledCharsmap: Uint8Array;
  addDummyPrefix: boolean;
  removeExtraWhitespaces: boolean;
  escapeWhitespaces: boolean;
}

export interface SentencePieceModel {
  pieces: SentencePiecePiece[];
  trainerSpec: SentencePieceTrainerSpec;
  normalizerSpec: SentencePieceNormalizerSpec;
}

/** Parses the bytes of a SentencePiece `.model` file. Throws TokenizerFileError naming offset and field. */
export function readSentencePieceModel(bytes: Uint8Array, options: { file?: string } = {}): SentencePieceModel {
  if (!(bytes instanceof Uint8Array)) throw new InvalidArgumentError("bytes", "expected a Uint8Array with the contents of a .model file");
  const root = new ProtoReader(bytes, options.file ?? "tokenizer.model");
  const pieces: SentencePiecePiece[] = [];
  let trainerSpec = defaultTrainerSpec();
  let normalizerSpec = defaultNormalizerSpec();
  while (root.next()) {
    switch (root.field) {
      case 1:
        pieces.push(readPiece(root.message(`pieces[${pieces.length}]`)));
        break;
      case 2:
        trainerSpec = readTrainerSpec(root.message("trainer_spec"));
        break;
      case 3:
        normalizerSpec = readNormalizerSpec(root.message("normalizer_spec"));
        break;
      default:
        root.skip();
    }
  }
  if (pieces.length === 0) root.fail("the model has no pieces (is this a SentencePiece .model file?)", "pieces", 0);
  return { pieces, trainerSpec, normalizerSpec };
}

function readPiece(r: ProtoReader): SentencePiecePiece {
  let piece: string | undefined;
  let score = 0;
  let type: PieceType = "normal";
  while (r.next()) {
    if (r.field === 1) piece = r.string("piece");
    else if (r.field === 2) score = r.float("score");
    else if (r.field === 3) {
      const code = r.int32("type");
      const known = PIECE_TYPES[code];
      if (known === undefined) r.fail(`unknown piece type ${code} (expected 1..6)`, "type");
      type = known;
    } else r.skip();
  }
  if (piece === undefined) r.fail("a piece without its text", "piece", r.tagOffset);
  return { piece, score, type };
}

function defaultTrainerSpec(): SentencePieceTrainerSpec {
  return {
    modelType: "unigram",
    vocabSize: 8000,
    byteFallback: false,
    splitDigits: false,
    treatWhitespaceAsSuffix: false,
    allowWhitespaceOnlyPieces: false,
    unkId: 0,
    bosId: 1,
    eosId: 2,
    padId: -1,
    unkPiece: "<unk>",
    bosPiece: "<s>",
    eosPiece: "</s>",
    padPiece: "<pad>",
    unkSurface: " \u2047 ",
  };
}

function readTrainerSpec(r: ProtoReader): SentencePieceTrainerSpec {
  const spec = defaultTrainerSpec();
  while (r.next()) {
    switch (r.field) {
      case 3: {
        const code = r.int32("model_type");
        const known = MODEL_TYPES[code];
        if (known === undefined) r.fail(`unknown model type ${code} (expected 1..4)`, "model_type");
        spec.modelType = known;
        break;
      }
      case 4:
        spec.vocabSize = r.int32("vocab_size");
        break;
      case 24:
        spec.treatWhitespaceAsSuffix = r.bool("treat_whitespace_as_suffix");
        break;
      case 25:
        spec.splitDigits = r.bool("split_digits");
        break;
      case 26:
        spec.allowWhitespaceOnlyPieces = r.bool("allow_whitespace_only_pieces");
        break;
      case 35:
        spec.byteFallback = r.bool("byte_fallback");
        break;
      case 40:
        spec.unkId = r.int32("unk_id");
        break;
      case 41:
        spec.bosId = r.int32("bos_id");
        break;
      case 42:
        spec.eosId = r.int32("eos_id");
        break;
      case 43:
        spec.padId = r.int32("pad_id");
        break;
      case 44:
        spec.unkSurface = r.string("unk_surface");
        break;
      case 45:
        spec.unkPiece = r.string("unk_piece");
        break;
      case 46:
        spec.bosPiece = r.string("bos_piece");
        break;
      case 47:
        spec.eosPiece = r.string("eos_piece");
        break;
      case 48:
        spec.padPiece = r.string("pad_piece");
        break;
      default:
        r.skip();
    }
  }
  return spec;
}

function defaultNormalizerSpec(): SentencePieceNormalizerSpec {
  return {
    name: "",
    precompiledCharsmap: new Uint8Array(0),
    addDummyPrefix: true,
    removeExtraWhitespaces: true,
    escapeWhitespaces: true,
  };
}

function readNormalizerSpec(r: ProtoReader): SentencePieceNormalizerSpec {
  const spec = defaultNormalizerSpec();
  while (r.next()) {
    switch (r.field) {
      case 1:
        spec.name = r.string("name");
        break;
      case 2:
        spec.precompiledCharsmap = r.bytes("precompiled_charsmap");
        break;
      case 3:
        spec.addDummyPrefix = r.bool("add_dummy_prefix");
        break;
      case 4:
        spec.removeExtraWhitespaces = r.bool("remove_extra_whitespaces");
        break;
      case 5:
        spec.escapeWhitespaces = r.bool("escape_whitespaces");
        break;
      default:
        r.skip();
    }
  }
  return spec;
}
