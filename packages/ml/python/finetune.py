#!/usr/bin/python3
"""Fine-tunes the last blocks of the project's converted backbone on the labelled photos (build time only).

Reproduce: `pnpm model:finetune` (runs this file with Debian's /usr/bin/python3: torch 1.13 CPU, onnx 1.12).

- The module is built from the initialisers of models/backbone/mobilenet_v2_mid.onnx (`pnpm model:prepare`):
  the graph is interpreted node by node (Conv with SAME_UPPER padding, Clip, Add, Mul/Sub, Transpose,
  pooling), so no pretrained torchvision weights are needed and the frozen part is exactly the served one.
- Labels: weapons-coarse/typology-labels.csv (a typology where one is given, the coarse set of the
  folder where `unsure`, `multiple`/`none` dropped), `likely` labels weighted (see LIKELY_WEIGHT), Caltech
  revolvers (full label), Caltech negatives (the extra "no firearm" class). Splits are the TypeScript
  pipeline's (sha256 of `basegun-split-seed-<seed>:<source>:<group>`), so the test split is never seen
  and the model is selected on validation only.
- Preprocessing is pipeline 4 (stretch to the square, no trim, no letterbox); training augments what
  differs between sources: aspect stretch and crops, flips, colour, grey, blur, JPEG quality, borders.
- AdamW, linear warm-up then cosine decay, one checkpoint per epoch; the best epoch on validation is
  exported to ONNX with the served contract: input NHWC [batch, 224, 224, 3] in [0, 1],
  outputs `features` [batch, 1792] and `block16_features` [batch, 448]. The TypeScript pipeline then
  trains, calibrates and gates the served head on these features (`pnpm model:train --backbone ...`).
"""
import argparse
import csv
import hashlib
import io
import json
import math
import os
import random
import sys
import time

import numpy as np
import onnx
import onnx.numpy_helper
import torch
import torch.nn.functional as F
from PIL import Image, ImageFilter, ImageOps
from torchvision import transforms

TYPOLOGIES = [
    "revolver", "pistolet_semi_auto_moderne", "autre_pistolet", "pistolet_mecanisme_ancien",
    "epaule_a_verrou", "epaule_a_levier_sous_garde", "epaule_a_pompe", "epaule_a_un_coup_par_canon",
    "epaule_semi_auto_style_chasse", "epaule_semi_auto_style_militaire_milieu_20e",
    "semi_auto_style_militaire_autre", "epaule_mecanisme_ancien",
]
NONE_INDEX = len(TYPOLOGIES)  # the extra "no firearm" class of the fine-tuning head
HANDGUNS = set(TYPOLOGIES[:4])
COARSE = {  # packages/domain/src/coarse-labels.ts COARSE_LABEL_TYPOLOGIES (test/finetune-script.test.ts checks they agree)
    "HandGun": TYPOLOGIES[0:4],
    "Rifle": ["epaule_a_verrou", "epaule_a_levier_sous_garde", "epaule_semi_auto_style_chasse",
              "epaule_semi_auto_style_militaire_milieu_20e", "semi_auto_style_militaire_autre", "epaule_mecanisme_ancien"],
    "ShotGun": ["epaule_a_pompe", "epaule_a_un_coup_par_canon", "epaule_semi_auto_style_chasse"],
    "SMG": ["semi_auto_style_militaire_autre"],
}
# 93 of the 97 `likely` files labelled twice got the same typology from the second pass (the 4 others
# were "unsure"), against 242 of 242 `sure`: a likely label is the full label with weight 0.95 and
# the coarse set with the rest.
LIKELY_WEIGHT = 0.95
SPLIT_FRACTIONS = {"weapons-coarse": (0.7, 0.15), "caltech101-revolver": (0.5, 0.25), "caltech101-negatives": (0.6, 0.2)}
SIZE = 224


def split_of(key, fractions, salt, folds=None):
    """As src/training/splits.ts splitOf. With folds = (count, fold), the test split stays where it is
    and the rest (train + validation) is cut into `count` folds by the same hash: fold `fold` is the
    validation split, the others train (cross-fitting); fold -1 puts all of it in train."""
    digest = hashlib.sha256(f"{salt}:{key}".encode()).digest()
    unit = int.from_bytes(digest[:4], "big") / 2**32
    held_out = fractions[0] + fractions[1]
    if folds is not None:
        if unit >= held_out:
            return "test"
        count, fold = folds
        return "validation" if min(count - 1, int(unit / held_out * count)) == fold else "train"
    if unit < fractions[0]:
        return "train"
    return "validation" if unit < held_out else "test"


def read_csv(path):
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def load_records(datasets_dir, seed, folds=None):
    """Each record: path, split, source, allowed (indices), full (index or None), full_weight."""
    salt = f"basegun-split-seed-{seed}"
    records, seen = [], set()
    weapons = os.path.join(datasets_dir, "weapons-coarse")
    labels = {row["file"]: row for row in read_csv(os.path.join(weapons, "typology-labels.csv"))}
    for row in read_csv(os.path.join(weapons, "manifest.csv")):
        if row.get("multi_weapon_scene") == "yes":
            continue
        label = labels.get(row["file"])
        if label is None or label["typology"] in ("multiple", "none"):
            continue
        if row.get("md5") and row["md5"] in seen:
            continue  # identical bytes count once, in the first split met (as in the TS pipeline)
        seen.add(row.get("md5"))
        allowed = [TYPOLOGIES.index(key) for key in COARSE[row["label"]]]
        full, weight = None, 0.0
        if label["typology"] in TYPOLOGIES:
            full = TYPOLOGIES.index(label["typology"])
            weight = LIKELY_WEIGHT if label["certainty"] == "likely" else 1.0
            if full not in allowed:
                allowed = sorted(set(allowed) | {full})
        records.append({"path": os.path.join(weapons, row["file"]), "source": "weapons-coarse",
                        "split": split_of(f"weapons-coarse:{row['group']}", SPLIT_FRACTIONS["weapons-coarse"], salt, folds),
                        "allowed": allowed, "full": full, "weight": weight})
    revolvers = os.path.join(datasets_dir, "caltech101-revolver")
    if os.path.isdir(revolvers):
        for name in sorted(os.listdir(revolvers)):
            if name.lower().endswith((".jpg", ".jpeg", ".png")):
                records.append({"path": os.path.join(revolvers, name), "source": "caltech101-revolver",
                                "split": split_of(f"caltech101-revolver:{name}", SPLIT_FRACTIONS["caltech101-revolver"], salt, folds),
                                "allowed": [0], "full": 0, "weight": 1.0})
    negatives = os.path.join(datasets_dir, "caltech101-negatives")
    if os.path.isdir(negatives):
        for row in read_csv(os.path.join(negatives, "manifest.csv")):
            records.append({"path": os.path.join(negatives, row["file"]), "source": "caltech101-negatives",
                            "split": split_of(f"caltech101-negatives:{row['file']}", SPLIT_FRACTIONS["caltech101-negatives"], salt, folds),
                            "allowed": [NONE_INDEX], "full": NONE_INDEX, "weight": 1.0})
    return records


# ---------------------------------------------------------------- the backbone as a torch module
class OnnxBackbone(torch.nn.Module):
    """Interprets the converted graph; every Conv weight and bias becomes a parameter."""

    def __init__(self, onnx_path):
        super().__init__()
        model = onnx.load(onnx_path)
        inits = {t.name: onnx.numpy_helper.to_array(t).copy() for t in model.graph.initializer}
        self.nodes, self.param_names, self.constants = [], {}, {}
        self.params = torch.nn.ParameterDict()
        for node in model.graph.node:
            attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
            if node.op_type in ("Gemm", "Softmax"):  # the nsfwjs classifier is not served
                continue
            if node.op_type == "Conv":
                for name in node.input[1:]:
                    key = name.replace("/", "__")
                    if key not in self.params:
                        self.params[key] = torch.nn.Parameter(torch.from_numpy(inits[name]))
            for name in node.input:
                if name in inits and node.op_type != "Conv":
                    self.constants[name] = float(inits[name])
            self.nodes.append((node.op_type, list(node.input), list(node.output), attrs))
        self.block_of = {}

    def conv(self, x, weight, bias, attrs):
        stride = attrs["strides"][0]
        kernel = attrs["kernel_shape"][0]
        size = x.shape[-1]
        out = math.ceil(size / stride)
        pad = max((out - 1) * stride + kernel - size, 0)
        if pad:
            x = F.pad(x, (pad // 2, pad - pad // 2, pad // 2, pad - pad // 2))  # SAME_UPPER: extra at the end
        return F.conv2d(x, weight, bias, stride=stride, groups=attrs["group"])

    def forward_from(self, values, start=0, stop=None):
        """Runs nodes[start:stop] on the dict of tensors `values` (mutated, returned)."""
        for op, inputs, outputs, attrs in self.nodes[start:stop]:
            if op == "Transpose":
                y = values[inputs[0]].permute(*attrs["perm"])
            elif op == "Mul":
                y = values[inputs[1]] * self.constants[inputs[0]]
            elif op == "Sub":
                y = values[inputs[0]] - self.constants[inputs[1]]
            elif op == "Conv":
                y = self.conv(values[inputs[0]], self.params[inputs[1].replace("/", "__")], self.params[inputs[2].replace("/", "__")], attrs)
            elif op == "Clip":
                y = torch.clamp(values[inputs[0]], 0.0, 6.0)
            elif op == "Add":
                y = values[inputs[0]] + values[inputs[1]]
            elif op in ("AveragePool", "GlobalAveragePool"):
                y = values[inputs[0]].mean(dim=(2, 3), keepdim=True)
            elif op == "Flatten":
                y = torch.flatten(values[inputs[0]], 1)
            else:
                raise ValueError(f"unsupported op {op}")
            values[outputs[0]] = y
        return values

    def first_node_of(self, block_prefix):
        for index, (op, inputs, outputs, attrs) in enumerate(self.nodes):
            if op == "Conv" and inputs[1].startswith(block_prefix):
                return index
        raise ValueError(f"no node for {block_prefix}")

    def forward(self, nhwc):
        values = self.forward_from({"input": nhwc})
        return values["features"], values["block16_features"]


class Tuned(torch.nn.Module):
    """Frozen stem (no grad) + trainable tail + a linear head on [features, block16_features]."""

    def __init__(self, backbone, train_from_block, classes):
        super().__init__()
        self.backbone = backbone
        self.split_at = backbone.first_node_of(f"MobilenetV2/expanded_conv_{train_from_block}/")
        # the tensor entering the first trainable node, and residual inputs still needed after it
        self.boundary_inputs = self._live_inputs()
        trainable = set()
        for op, inputs, outputs, attrs in backbone.nodes[self.split_at:]:
            if op == "Conv":
                trainable.update(name.replace("/", "__") for name in inputs[1:])
        for key, param in backbone.params.items():
            param.requires_grad = key in trainable
        self.head = torch.nn.Linear(1792 + 448, classes)
        torch.nn.init.zeros_(self.head.bias)
        torch.nn.init.normal_(self.head.weight, std=0.01)
        self.dropout = torch.nn.Dropout(0.2)

    def _live_inputs(self):
        produced_after = set()
        needed = set()
        for op, inputs, outputs, attrs in self.backbone.nodes[self.split_at:]:
            for name in inputs:
                if name not in produced_after and name not in self.backbone.constants and name.replace("/", "__") not in self.backbone.params:
                    needed.add(name)
            produced_after.update(outputs)
        return sorted(needed)

    def stem(self, nhwc):
        """The frozen part: its output (the boundary tensors) is all the trainable tail needs."""
        with torch.no_grad():
            values = self.backbone.forward_from({"input": nhwc}, 0, self.split_at)
        return [values[name] for name in self.boundary_inputs]

    def tail(self, boundary):
        values = self.backbone.forward_from(dict(zip(self.boundary_inputs, boundary)), self.split_at)
        pooled = torch.cat([values["features"], values["block16_features"]], dim=1)
        return self.head(self.dropout(pooled))

    def forward(self, nhwc):
        return self.tail(self.stem(nhwc))


class ExportWrapper(torch.nn.Module):
    def __init__(self, backbone):
        super().__init__()
        self.backbone = backbone

    def forward(self, nhwc):
        return self.backbone(nhwc)


# ---------------------------------------------------------------- images
def stretch(image):
    """Pipeline 4: the whole photo stretched to the square (no trim, no letterbox, no bands)."""
    return image.resize((SIZE, SIZE), Image.LANCZOS)


def open_rgb(path):
    image = Image.open(path)
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image)
    return image.convert("RGB")


class Augment:
    """What differs between sources, randomised: aspect and framing, borders, colour, grey, blur, JPEG."""

    def __init__(self, rng):
        self.rng = rng
        self.crop = transforms.RandomResizedCrop(SIZE, scale=(0.55, 1.0), ratio=(0.6, 1.67))
        self.colour = transforms.ColorJitter(0.35, 0.35, 0.3, 0.04)

    def __call__(self, image):
        rng = self.rng
        if rng.random() < 0.2:  # random border of a random uniform colour (scans, letterboxes, mats)
            w, h = image.size
            pad = [int(rng.uniform(0, 0.15) * (w if i % 2 == 0 else h)) for i in range(4)]
            colour = tuple(int(rng.uniform(0, 255)) for _ in range(3)) if rng.random() < 0.5 else (255, 255, 255)
            image = ImageOps.expand(image, border=tuple(pad), fill=colour)
        image = self.crop(image)  # output square: stretches whatever aspect the crop had
        if rng.random() < 0.5:
            image = ImageOps.mirror(image)
        image = self.colour(image)
        if rng.random() < 0.15:
            image = ImageOps.grayscale(image).convert("RGB")
        if rng.random() < 0.2:
            image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.5)))
        if rng.random() < 0.3:
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=int(rng.uniform(25, 90)))
            buffer.seek(0)
            image = Image.open(buffer).convert("RGB")
        return image


def to_batch(images):
    array = np.stack([np.asarray(image, dtype=np.uint8) for image in images]).astype(np.float32) / 255.0
    return torch.from_numpy(array)  # NHWC in [0, 1]


# ---------------------------------------------------------------- loss and metrics
def set_loss(logits, records):
    """-[w log p(full) + (1-w) log P(allowed set)]: set-valued NLL, likely labels partly coarse."""
    log_p = F.log_softmax(logits, dim=1)
    losses = []
    for row, record in zip(log_p, records):
        set_term = torch.logsumexp(row[record["allowed"]], dim=0)
        if record["full"] is not None:
            w = record["weight"]
            losses.append(-(w * row[record["full"]] + (1 - w) * set_term))
        else:
            losses.append(-set_term)
    return torch.stack(losses).mean()


def evaluate(model, records, cached, batch_size):
    """Validation metrics from the cached stem outputs of the un-augmented (stretched) photos."""
    model.eval()
    total_loss, n, correct_full, n_full, family_ok, n_weapon, none_ok, n_none = 0.0, 0, 0, 0, 0, 0, 0, 0
    per_class = {}
    with torch.no_grad():
        for start in range(0, len(records), batch_size):
            chunk = records[start:start + batch_size]
            logits = model.tail([tensor[start:start + batch_size].float() for tensor in cached])
            total_loss += set_loss(logits, chunk).item() * len(chunk)
            n += len(chunk)
            probs = F.softmax(logits, dim=1)
            for p, record in zip(probs, chunk):
                if record["full"] == NONE_INDEX:
                    n_none += 1
                    none_ok += int(p.argmax().item() == NONE_INDEX)
                    continue
                typology = p[:NONE_INDEX]
                top = int(typology.argmax().item())
                handgun = sum(float(typology[i]) for i in range(4))
                family_pred = handgun >= float(typology.sum()) / 2
                family_true = all(TYPOLOGIES[i] in HANDGUNS for i in record["allowed"])
                n_weapon += 1
                family_ok += int(family_pred == family_true)
                if record["full"] is not None:
                    n_full += 1
                    correct_full += int(top == record["full"])
                    stats = per_class.setdefault(TYPOLOGIES[record["full"]], [0, 0])
                    stats[0] += int(top == record["full"])
                    stats[1] += 1
    return {"loss": total_loss / max(n, 1), "top1Full": correct_full / max(n_full, 1), "nFull": n_full,
            "family": family_ok / max(n_weapon, 1), "noneTop1": none_ok / max(n_none, 1), "perClass": per_class}


def cache_stem(model, records, views, augment, batch_size, label, seed):
    """Stem outputs (float16) of `views` renderings of each photo: view 0 of a clean photo is the plain
    stretch; augmented views otherwise. Row order: view-major (view v of photo i at v * len + i)."""
    started = time.time()
    chunks = [[] for _ in model.boundary_inputs]
    for view in range(views):
        torch.manual_seed(seed * 1000 + view)  # torchvision's random transforms draw from torch's generator
        for start in range(0, len(records), batch_size):
            chunk = records[start:start + batch_size]
            images = [augment(open_rgb(r["path"])) if augment else stretch(open_rgb(r["path"])) for r in chunk]
            for store, tensor in zip(chunks, model.stem(to_batch(images))):
                store.append(tensor.half())
            done = view * len(records) + start + len(chunk)
            if (start // batch_size) % 20 == 0:
                print(f"stem cache {label}: {done}/{views * len(records)} ({time.time() - started:.0f}s)", flush=True)
    return [torch.cat(store) for store in chunks]


def lr_at(step, total, warmup):
    if step < warmup:
        return (step + 1) / warmup
    progress = (step - warmup) / max(total - warmup, 1)
    return 0.5 * (1 + math.cos(math.pi * min(progress, 1.0)))


def export_onnx(backbone, path, source_onnx):
    """Writes the trained weights into the converted graph itself: same nodes (SAME_UPPER convolutions,
    no Pad nodes), same input and output names, so serving costs exactly what the shared backbone costs.
    (torch.onnx.export, opset 13, gave the same outputs but explicit Pad nodes: 1.3-1.5x slower in
    onnxruntime.) Only Conv initialisers change; the unused nsfwjs classifier output stays as it was."""
    model = onnx.load(source_onnx)
    replaced = 0
    for index, tensor in enumerate(model.graph.initializer):
        key = tensor.name.replace("/", "__")
        if key in backbone.params:
            array = backbone.params[key].detach().cpu().numpy().astype(np.float32)
            model.graph.initializer[index].CopyFrom(onnx.numpy_helper.from_array(array, tensor.name))
            replaced += 1
    if replaced != len(backbone.params):
        raise RuntimeError(f"replaced {replaced} initialisers, the module has {len(backbone.params)}")
    onnx.checker.check_model(model)
    onnx.save(model, path)


def export_torch_graph(backbone, path):
    """The module traced by torch.onnx.export (opset 13): kept for comparison, not served."""
    backbone.eval()
    dummy = torch.rand(2, SIZE, SIZE, 3)
    torch.onnx.export(ExportWrapper(backbone), dummy, path, opset_version=13, input_names=["input"],
                      output_names=["features", "block16_features"],
                      dynamic_axes={"input": {0: "batch"}, "features": {0: "batch"}, "block16_features": {0: "batch"}},
                      do_constant_folding=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets-dir", required=True)
    parser.add_argument("--backbone", required=True, help="models/backbone/mobilenet_v2_mid.onnx")
    parser.add_argument("--out", required=True, help="ONNX file written from the best epoch on validation")
    parser.add_argument("--work-dir", required=True, help="checkpoints and the run log (JSON)")
    parser.add_argument("--seed", type=int, default=42, help="training randomness (initial head, augmentations, order) and, by default, the split salt")
    parser.add_argument("--split-seed", type=int, default=None, help="split salt when it differs from --seed: several seeds on one split (seed agreement)")
    parser.add_argument("--stop-after-epoch", type=int, default=0, help="stop after this epoch while the schedule stays planned over --epochs (0: none)")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--lr", type=float, default=4e-4, help="peak learning rate of the backbone tail")
    parser.add_argument("--head-lr", type=float, default=2e-3)
    parser.add_argument("--weight-decay", type=float, default=1e-4)
    parser.add_argument("--warmup-steps", type=int, default=50)
    parser.add_argument("--views", type=int, default=2, help="augmented renderings of each training photo (stem outputs cached)")
    parser.add_argument("--train-from-block", type=int, default=13, help="first trainable inverted-residual block (0-16)")
    parser.add_argument("--max-minutes", type=float, default=0, help="stop after the epoch that passes this budget (0: none)")
    parser.add_argument("--limit", type=int, default=0, help="fixture runs: at most this many photos per split")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--export-only", action="store_true", help="export best.pt of --work-dir (a run stopped early) and exit")
    parser.add_argument("--cv-folds", type=int, default=0, help="cross-fitting: cut train + validation into this many folds (the test split is unchanged)")
    parser.add_argument("--cv-fold", type=int, default=0, help="with --cv-folds: the fold validated on (0-based); -1 trains on every fold (no validation, needs --select last)")
    parser.add_argument("--select", choices=("best", "last"), default="best", help="export the epoch with the lowest validation loss, or the last epoch (a fixed recipe: cross-fitting)")
    parser.add_argument("--validation-fallback", action="store_true", help="fixture runs: validate on the training photos if the validation split is empty")
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    rng = random.Random(args.seed)
    torch.set_num_threads(args.threads)
    os.makedirs(args.work_dir, exist_ok=True)

    if args.export_only:
        # a run stopped early: its best-on-validation checkpoint (saved at each epoch) is the result
        backbone = OnnxBackbone(args.backbone)
        model = Tuned(backbone, args.train_from_block, NONE_INDEX + 1)
        checkpoint = torch.load(os.path.join(args.work_dir, "best.pt"))
        model.load_state_dict(checkpoint["state"])
        export_onnx(backbone, args.out, args.backbone)
        digest = hashlib.sha256(open(args.out, "rb").read()).hexdigest()
        log_path = os.path.join(args.work_dir, "finetune-log.json")
        log = json.load(open(log_path)) if os.path.exists(log_path) else {}
        log["export"] = {"file": args.out, "sha256": digest, "bestEpoch": checkpoint["epoch"], "exportOnly": True}
        with open(log_path, "w") as handle:
            json.dump(log, handle, indent=1)
        print(f"best epoch {checkpoint['epoch']} exported to {args.out} (sha256 {digest})", flush=True)
        return
    if args.cv_folds and not -1 <= args.cv_fold < args.cv_folds:
        raise SystemExit(f"--cv-fold {args.cv_fold} is not a fold of --cv-folds {args.cv_folds} (0..{args.cv_folds - 1}, or -1)")
    if args.cv_folds and args.cv_fold == -1 and args.select != "last":
        raise SystemExit("--cv-fold -1 trains on every fold: nothing to select on, pass --select last (and --stop-after-epoch)")
    folds = (args.cv_folds, args.cv_fold) if args.cv_folds else None
    records = load_records(args.datasets_dir, args.seed if args.split_seed is None else args.split_seed, folds)
    splits = {name: [r for r in records if r["split"] == name] for name in ("train", "validation", "test")}
    if args.limit:
        splits = {name: rows[: args.limit] for name, rows in splits.items()}
    if not splits["validation"] and args.select != "last":
        if not args.validation_fallback:
            raise SystemExit("no validation photo: nothing to select the epoch on")
        splits["validation"] = splits["train"]  # fixture runs only (a handful of generated pictures)
    print(f"photos: train {len(splits['train'])}, validation {len(splits['validation'])}, test {len(splits['test'])} (test never read)", flush=True)

    backbone = OnnxBackbone(args.backbone)
    model = Tuned(backbone, args.train_from_block, NONE_INDEX + 1)
    tail = [p for p in backbone.params.values() if p.requires_grad]
    print(f"trainable: {sum(p.numel() for p in tail)} backbone weights from block {args.train_from_block} + head", flush=True)
    started_all = time.time()
    optimizer = torch.optim.AdamW([{"params": tail, "lr": args.lr}, {"params": model.head.parameters(), "lr": args.head_lr}],
                                  weight_decay=args.weight_decay)
    peaks = [args.lr, args.head_lr]
    # The frozen stem runs once per photo and view (2 cores cannot afford it at every step): its outputs
    # for `--views` augmented renderings of each training photo are cached, and the epochs train the
    # tail on them. Augmentations therefore vary across views, not across epochs.
    augment = Augment(rng)
    train_cache = cache_stem(model, splits["train"], args.views, augment, 32, "train", args.seed)
    validation_cache = cache_stem(model, splits["validation"], 1, None, 32, "validation", args.seed) if splits["validation"] else None
    train_rows = [record for _ in range(args.views) for record in splits["train"]]
    steps_per_epoch = math.ceil(len(train_rows) / args.batch_size)
    total_steps = steps_per_epoch * args.epochs
    log = {"args": vars(args), "likelyWeight": LIKELY_WEIGHT, "stemSeconds": time.time() - started_all, "epochs": []}
    best = None
    started = time.time()
    step = 0
    for epoch in range(args.epochs):
        model.train()
        order = list(range(len(train_rows)))
        rng.shuffle(order)
        epoch_loss, seen = 0.0, 0
        for batch_start in range(0, len(order), args.batch_size):
            index = torch.tensor(order[batch_start:batch_start + args.batch_size])
            chunk = [train_rows[i] for i in index.tolist()]
            scale = lr_at(step, total_steps, args.warmup_steps)
            for group, peak in zip(optimizer.param_groups, peaks):
                group["lr"] = peak * scale
            loss = set_loss(model.tail([tensor[index].float() for tensor in train_cache]), chunk)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            epoch_loss += loss.item() * len(chunk)
            seen += len(chunk)
            if step % 20 == 0:
                print(f"epoch {epoch + 1} step {step}/{total_steps} loss {epoch_loss / seen:.4f} lr×{scale:.3f} {time.time() - started:.0f}s", flush=True)
        validation = evaluate(model, splits["validation"], validation_cache, 128) if splits["validation"] else None
        entry = {"epoch": epoch + 1, "trainLoss": epoch_loss / max(seen, 1), "validation": validation, "seconds": time.time() - started}
        log["epochs"].append(entry)
        if validation:
            print(f"epoch {epoch + 1}: train loss {entry['trainLoss']:.4f}, validation loss {validation['loss']:.4f}, "
                  f"top-1 (full labels) {validation['top1Full']:.3f}, family {validation['family']:.3f}, none {validation['noneTop1']:.3f}", flush=True)
        else:
            print(f"epoch {epoch + 1}: train loss {entry['trainLoss']:.4f} (no validation split)", flush=True)
        torch.save({"epoch": epoch + 1, "state": model.state_dict()}, os.path.join(args.work_dir, "last.pt"))
        # selection on validation only: the set-valued NLL (smoother than top-1, which swung epoch to epoch)
        if best is None or args.select == "last" or validation["loss"] < best["validation"]["loss"]:
            best = entry
            torch.save({"epoch": epoch + 1, "state": model.state_dict()}, os.path.join(args.work_dir, "best.pt"))
        log["best"] = best["epoch"]
        with open(os.path.join(args.work_dir, "finetune-log.json"), "w") as handle:
            json.dump(log, handle, indent=1)
        if args.stop_after_epoch and epoch + 1 >= args.stop_after_epoch:
            print(f"stopped after epoch {epoch + 1} (--stop-after-epoch)", flush=True)
            break
        if args.max_minutes and time.time() - started_all > args.max_minutes * 60:
            print(f"time budget reached after epoch {epoch + 1}", flush=True)
            break

    model.load_state_dict(torch.load(os.path.join(args.work_dir, "best.pt"))["state"])
    export_onnx(backbone, args.out, args.backbone)
    digest = hashlib.sha256(open(args.out, "rb").read()).hexdigest()
    log["export"] = {"file": args.out, "sha256": digest, "bestEpoch": best["epoch"], "seconds": time.time() - started_all}
    with open(os.path.join(args.work_dir, "finetune-log.json"), "w") as handle:
        json.dump(log, handle, indent=1)
    print(f"best epoch {best['epoch']} exported to {args.out} (sha256 {digest})", flush=True)


if __name__ == "__main__":
    sys.exit(main())
